import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** Where Keyward sends requests: the region and endpoint from its settings. */
export interface AwsPlace {
  region: string;
  /**
   * An endpoint from Keyward's settings. When null, the SDK's own AWS_ENDPOINT_URL,
   * AWS_ENDPOINT_URL_IAM and AWS_ENDPOINT_URL_STS settings (and endpoint_url in the AWS config
   * file) apply, as they would for the AWS CLI.
   */
  endpoint: string | null;
}

export interface AwsConnection extends AwsPlace {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

/** The IAM and STS clients Keyward signs with; one set per signed-in identity. */
export interface AwsClients {
  /** Read at each use: after `retarget` these are clients for the new place. */
  readonly iam: IAMClient;
  /**
   * For CreateAccessKey only: no automatic retries. The call is not idempotent, and the SDK's
   * standard strategy both retries timeouts and treats IAM's LimitExceeded as throttling.
   */
  readonly iamOnce: IAMClient;
  readonly sts: STSClient;
  /** The credentials and the place the clients use now. */
  readonly connection: AwsConnection;
  /**
   * Sends every later request to another region or endpoint, with the same credentials: a
   * Settings change reaches a sign-in at once. Requests already on their way finish where they
   * started.
   */
  retarget(place: AwsPlace): void;
  destroy(): void;
}

/**
 * Without these, a connection to a blackholed address (a broken VPN) waits for the operating
 * system's own timeout, minutes, and a server that accepts but never answers waits for ever.
 */
const patience = { connectionTimeout: 5_000, socketTimeout: 30_000 } as const;

/** An IAM client for a connection. IAM is global and signs for us-east-1 whatever the region. */
export function createIamClient(connection: AwsConnection, maxAttempts: number): IAMClient {
  return new IAMClient({
    credentials: connection.credentials,
    region: 'us-east-1',
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    maxAttempts,
    requestHandler: patience,
  });
}

/**
 * An IAM client for work that paces itself (the per-user audit): no SDK retries, so its own rate
 * limiter sees every Throttling answer and alone decides the pace. (The SDK's retries would hide
 * them and then add their own waits on top.)
 */
export function createPacedIamClient(connection: AwsConnection): IAMClient {
  return createIamClient(connection, 1);
}

function createClientSet(connection: AwsConnection) {
  return {
    iam: createIamClient(connection, 5),
    iamOnce: createIamClient(connection, 1),
    // STS uses the regional endpoint of the chosen region.
    sts: new STSClient({
      credentials: connection.credentials,
      region: connection.region,
      ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
      maxAttempts: 5,
      requestHandler: patience,
    }),
  };
}

export function createAwsClients(connection: AwsConnection): AwsClients {
  let current = { connection, ...createClientSet(connection) };
  // Replaced clients may still carry requests; they are closed with the rest, at sign-out.
  const replaced: ReturnType<typeof createClientSet>[] = [];
  return {
    get iam() {
      return current.iam;
    },
    get iamOnce() {
      return current.iamOnce;
    },
    get sts() {
      return current.sts;
    },
    get connection() {
      return current.connection;
    },
    retarget(place) {
      const { region, endpoint } = current.connection;
      if (place.region === region && place.endpoint === endpoint) return;
      replaced.push(current);
      const next = { ...current.connection, region: place.region, endpoint: place.endpoint };
      current = { connection: next, ...createClientSet(next) };
    },
    destroy() {
      for (const set of [...replaced, current]) {
        set.iam.destroy();
        set.iamOnce.destroy();
        set.sts.destroy();
      }
      replaced.length = 0;
    },
  };
}
