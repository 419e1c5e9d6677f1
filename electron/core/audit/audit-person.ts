// Loaded on first use (it loads the AWS SDK): one person's keys read again for the last audit.
import { createPacedIamClient } from '../aws/aws-clients';
import { awsErrorCode } from '../aws/aws-errors';
import type { SignedIn } from '../aws/session';
import type { AuditKey } from '../../common/audit';
import { AdaptiveRateLimiter } from './rate-limiter';
import { readUser } from './user-crawl';

/**
 * A person's keys as IAM has them now, read as the per-user audit reads them (ListAccessKeys and
 * each key's last use); null when the person no longer exists.
 */
export async function rereadPersonKeys(
  { clients }: SignedIn,
  userName: string,
  now: number,
): Promise<AuditKey[] | null> {
  const iam = createPacedIamClient(clients.connection);
  const pacing = {
    limiter: new AdaptiveRateLimiter(),
    signal: new AbortController().signal,
    countRequests: () => undefined,
  };
  try {
    return (await readUser(iam, pacing, { UserName: userName }, now)).keys;
  } catch (error) {
    if (awsErrorCode(error) === 'NoSuchEntity') return null;
    throw error;
  } finally {
    iam.destroy();
  }
}
