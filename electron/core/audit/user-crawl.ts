import {
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  type AccessKeyMetadata,
  type IAMClient,
  type User,
} from '@aws-sdk/client-iam';
import { setMaxListeners } from 'node:events';
import { awsErrorCode, isAccessDenied } from '../aws/aws-errors';
import { ageInDays } from '../aws/key-age';
import type { AuditKey, AuditProgress, KeyUse } from '../../common/audit';
import type { AuditedUser } from './credential-report';
import { pacedRequest, type Pacing } from './paced-request';

export interface CrawlResult {
  users: AuditedUser[];
  /** Users whose keys IAM would not show (their rows have no keys). */
  unreadable: Set<string>;
}

const isGone = (error: unknown) => awsErrorCode(error) === 'NoSuchEntity';

/**
 * The audit without a credential report: ListUsers, then for each user ListAccessKeys and
 * GetAccessKeyLastUsed per key, `concurrency` users at a time, every request at the limiter's pace.
 * Users deleted while the crawl runs are left out; users whose keys may not be read are reported.
 */
export async function crawlUsers(
  iam: IAMClient,
  pacing: Pacing,
  options: { concurrency: number; now: number },
  report: (progress: Omit<AuditProgress, 'slowedDown'>) => void,
): Promise<CrawlResult> {
  const { signal } = pacing;
  const listed: User[] = [];
  let marker: string | undefined;
  do {
    report({ phase: 'listing-users', done: listed.length, total: null });
    const page = await pacedRequest(pacing, () =>
      iam.send(new ListUsersCommand({ MaxItems: 1000, ...(marker ? { Marker: marker } : {}) }), {
        abortSignal: signal,
      }),
    );
    listed.push(...(page.Users ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);

  const results: (AuditedUser | null)[] = new Array<AuditedUser | null>(listed.length).fill(null);
  const unreadable = new Set<string>();
  let next = 0;
  let done = 0;
  report({ phase: 'reading-keys', done, total: listed.length });

  // Each worker takes the next user until none are left; the first hard failure stops them all.
  const stop = new AbortController();
  const workerSignal = AbortSignal.any([signal, stop.signal]);
  // Each in-flight or waiting request listens for cancel: a few per worker, all removed when done.
  setMaxListeners(options.concurrency * 4 + 10, workerSignal);
  const workerPacing: Pacing = { ...pacing, signal: workerSignal };
  const worker = async () => {
    while (next < listed.length) {
      const at = next++;
      const user = listed[at];
      if (!user?.UserName) continue;
      try {
        results[at] = await readUser(iam, workerPacing, user, options.now);
      } catch (error) {
        if (isGone(error)) {
          results[at] = null;
        } else if (isAccessDenied(error)) {
          unreadable.add(user.UserName);
          results[at] = auditedUser(user, []);
        } else {
          stop.abort(error);
          throw error;
        }
      }
      done += 1;
      report({ phase: 'reading-keys', done, total: listed.length });
    }
  };
  const workers = Array.from({ length: Math.max(1, options.concurrency) }, worker);
  const settled = await Promise.allSettled(workers);
  signal.throwIfAborted();
  if (stop.signal.aborted) throw stop.signal.reason;
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return { users: results.filter((user) => user !== null), unreadable };
}

/** One user's keys (at most two, older first) with their last use, every request paced. */
export async function readUser(
  iam: IAMClient,
  pacing: Pacing,
  user: Pick<User, 'UserName'> & Partial<User>,
  now: number,
): Promise<AuditedUser> {
  const userName = user.UserName ?? '';
  const metadata: AccessKeyMetadata[] = [];
  let marker: string | undefined;
  do {
    const page = await pacedRequest(pacing, () =>
      iam.send(
        new ListAccessKeysCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) }),
        { abortSignal: pacing.signal },
      ),
    );
    metadata.push(...(page.AccessKeyMetadata ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);

  // Slots as the credential report numbers them: the older key is key 1.
  metadata.sort((a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0));
  const keys = await Promise.all(
    metadata.slice(0, 2).map(async (key, index): Promise<AuditKey> => {
      const created = key.CreateDate?.toISOString() ?? null;
      return {
        slot: index === 0 ? 1 : 2,
        accessKeyId: key.AccessKeyId ?? null,
        active: key.Status === 'Active',
        lastRotated: created,
        ageDays: created === null ? null : ageInDays(created, now),
        lastUsed: key.AccessKeyId
          ? await lastUsed(iam, pacing, key.AccessKeyId)
          : { kind: 'unknown' },
      };
    }),
  );
  return auditedUser(user, keys);
}

async function lastUsed(iam: IAMClient, pacing: Pacing, accessKeyId: string): Promise<KeyUse> {
  try {
    const answer = await pacedRequest(pacing, () =>
      iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }), {
        abortSignal: pacing.signal,
      }),
    );
    const used = answer.AccessKeyLastUsed;
    if (!used?.LastUsedDate) return { kind: 'never' };
    const known = (value: string | undefined) => (value && value !== 'N/A' ? value : null);
    return {
      kind: 'used',
      date: used.LastUsedDate.toISOString(),
      service: known(used.ServiceName),
      region: known(used.Region),
    };
  } catch (error) {
    // A key deleted mid-crawl, or a policy that hides last use: the rest of the row still counts.
    if (isAccessDenied(error) || isGone(error)) return { kind: 'unknown' };
    throw error;
  }
}

function auditedUser(user: Partial<User>, keys: AuditKey[]): AuditedUser {
  return {
    userName: user.UserName ?? '',
    arn: user.Arn ?? '',
    userCreated: user.CreateDate?.toISOString() ?? null,
    keys,
  };
}
