import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface AwsConnection {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  region: string;
  /**
   * An endpoint from Keyward's settings. When null, the SDK's own AWS_ENDPOINT_URL,
   * AWS_ENDPOINT_URL_IAM and AWS_ENDPOINT_URL_STS settings (and endpoint_url in the AWS config
   * file) apply, as they would for the AWS CLI.
   */
  endpoint: string | null;
}

/** The IAM and STS clients Keyward signs with; one set per signed-in identity. */
export interface AwsClients {
  iam: IAMClient;
  /**
   * For CreateAccessKey only: no automatic retries. The call is not idempotent, and the SDK's
   * standard strategy both retries timeouts and treats IAM's LimitExceeded as throttling.
   */
  iamOnce: IAMClient;
  sts: STSClient;
  destroy(): void;
}

export function createAwsClients(connection: AwsConnection): AwsClients {
  const common = {
    credentials: connection.credentials,
    // IAM is global and signs for us-east-1; STS uses the regional endpoint of the chosen region.
    region: connection.region,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
  };
  const iam = new IAMClient({ ...common, region: 'us-east-1', maxAttempts: 5 });
  const iamOnce = new IAMClient({ ...common, region: 'us-east-1', maxAttempts: 1 });
  const sts = new STSClient({ ...common, maxAttempts: 5 });
  return {
    iam,
    iamOnce,
    sts,
    destroy: () => {
      iam.destroy();
      iamOnce.destroy();
      sts.destroy();
    },
  };
}
