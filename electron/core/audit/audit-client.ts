import { IAMClient } from '@aws-sdk/client-iam';

/**
 * An IAM client for the per-user audit: the signed-in client's credentials, region and endpoint,
 * but no SDK retries, so the audit's own rate limiter sees every Throttling answer and alone
 * decides the pace. (The SDK's retries would hide them and then add their own waits on top.)
 *
 * FIXME: built from the resolved config of the signed-in client because Keyward does not expose
 * its AwsConnection; once it does, build this with createAwsClients' settings instead.
 */
export function createAuditClient(signedIn: IAMClient): IAMClient {
  const { credentials, region, endpoint, isCustomEndpoint } = signedIn.config;
  return new IAMClient({
    credentials,
    region,
    // Without an endpoint of Keyward's own, the SDK resolves AWS_ENDPOINT_URL(_IAM) again, as
    // it did for the signed-in client.
    ...(isCustomEndpoint && endpoint ? { endpoint } : {}),
    maxAttempts: 1,
  });
}
