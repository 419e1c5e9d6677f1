import type { IAMClient } from '@aws-sdk/client-iam';
import { createIamClient } from '../aws/aws-clients';
import type { AwsClients } from '../aws/aws-clients';

/**
 * An IAM client for the per-user audit: the signed-in session's credentials and its current
 * region and endpoint, but no SDK retries, so the audit's own rate limiter sees every Throttling
 * answer and alone decides the pace. (The SDK's retries would hide them and then add their own
 * waits on top.)
 */
export function createAuditClient(signedIn: AwsClients): IAMClient {
  return createIamClient(signedIn.connection, 1);
}
