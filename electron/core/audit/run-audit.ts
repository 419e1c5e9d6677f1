import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { awsErrorCode, deniedActionOf, isAccessDenied, translateAwsError } from '../aws/aws-errors';
import { AppError } from '../errors';
import type { Settings } from '../../common/domain';
import type { SignedIn } from '../aws/session';
import { createPacedIamClient } from '../aws/aws-clients';
import { log } from '../log';
import { flagUsers, summarize } from './audit-flags';
import type { AuditAccountPart, AuditProgress, AuditResult, AuditSource } from '../../common/audit';
import {
  createdTogether,
  CredentialReportFormatError,
  parseCredentialReport,
  type AuditedUser,
} from './credential-report';
import { pacedRequest, type Pacing } from './paced-request';
import { AdaptiveRateLimiter } from './rate-limiter';
import { fetchCredentialReport } from './report-fetch';
import { SeenUsers } from './seen-users';
import { crawlUsers } from './user-crawl';

/** What the audit needs: the signed-in clients, the settings and the data folder. */
export interface AuditHost {
  signedIn(): SignedIn;
  /** Every signed-in account, the current one first (for `accounts: 'all'`). */
  allSignedIn?(): SignedIn[];
  settings: { read(): Promise<Settings> };
  dataDir: string;
}

export interface AuditOptions {
  onProgress?: (progress: AuditProgress) => void;
  signal?: AbortSignal;
  /**
   * 'auto' (the app): the credential report, or user by user when the report is refused.
   * 'per-user' forces the slow way, for benchmarks and tests.
   */
  source?: 'auto' | AuditSource;
  /** 'all': every signed-in account, one after the other; else the current account only. */
  accounts?: 'current' | 'all';
  /** An active key unused this many days is flagged. */
  unusedKeyDays?: number;
  /** Users read at once by the per-user audit. */
  concurrency?: number;
  now?: number;
}

export const defaultUnusedKeyDays = 90;

/**
 * Audits every IAM user's access keys: IAM's credential report when allowed (a handful of
 * requests for any number of users), else one user at a time at the pace AWS allows. Throttling
 * slows the audit down but never fails it; cancelling rejects with the signal's reason.
 */
export async function runAudit(host: AuditHost, options: AuditOptions = {}): Promise<AuditResult> {
  const started = performance.now();
  const targets =
    options.accounts === 'all' && host.allSignedIn ? host.allSignedIn() : [host.signedIn()];
  const parts: AuditResult[] = [];
  for (const signedIn of targets) parts.push(await auditAccount(host, signedIn, options));
  const [first] = parts;
  if (!first) throw new Error('no account to audit');
  if (parts.length === 1) return first;
  // Each row names its account only when there are several: a 10,000-person audit of one
  // account crosses to the window as it did (its size is what the window waits for).
  const rows = parts.flatMap((part) =>
    part.rows.map((row) => ({
      ...row,
      accountId: part.accountId,
      accountAlias: part.accounts?.[0]?.accountAlias ?? null,
    })),
  );
  const roots = parts.map((part) => part.summary.rootAccount);
  const result: AuditResult = {
    accountId: first.accountId,
    accounts: parts.flatMap((part) => part.accounts ?? []),
    // "From the credential report" only when every account's came from it.
    source: parts.every((part) => part.source === 'credential-report')
      ? 'credential-report'
      : 'per-user',
    generatedAt: parts.map((part) => part.generatedAt).sort()[0] ?? first.generatedAt,
    rows,
    summary: summarize(rows, {
      staleKeyDays: first.summary.staleKeyDays,
      unusedKeyDays: first.summary.unusedKeyDays,
      firstAudit: parts.every((part) => part.summary.firstAudit),
      rootAccount: roots.every((root) => root !== null)
        ? {
            activeKeys: roots.reduce((sum, root) => sum + root.activeKeys, 0),
            mfaActive: roots.every((root) => root.mfaActive),
          }
        : null,
    }),
    requests: parts.reduce((sum, part) => sum + part.requests, 0),
    durationMs: Math.round(performance.now() - started),
  };
  return result;
}

/** One account's audit: its rows carry the account, and its summary is its own. */
async function auditAccount(
  host: AuditHost,
  signedIn: SignedIn,
  options: AuditOptions,
): Promise<AuditResult> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const signal = options.signal ?? new AbortController().signal;
  const { clients, identity } = signedIn;
  const { staleKeyDays } = await host.settings.read();
  const unusedKeyDays = options.unusedKeyDays ?? defaultUnusedKeyDays;
  const seenUsers = new SeenUsers(host.dataDir);

  let requests = 0;
  const limiter = new AdaptiveRateLimiter();
  const pacing: Pacing = {
    limiter,
    signal,
    countRequests: (attempts) => {
      requests += attempts;
    },
  };
  const report = (progress: Omit<AuditProgress, 'slowedDown'>) => {
    options.onProgress?.({ ...progress, slowedDown: limiter.slowedDown });
  };

  const gathered = await gather();
  report({ phase: 'checking', done: 0, total: gathered.users.length });
  const previous = await seenUsers.previous(identity.accountId);
  const account = { accountId: identity.accountId, accountAlias: identity.accountAlias };
  const rows = flagUsers(gathered.users, {
    staleKeyDays,
    unusedKeyDays,
    seenBefore: previous,
    unreadable: gathered.unreadable,
    now,
  });
  signal.throwIfAborted();
  await seenUsers.remember(
    identity.accountId,
    rows.map((row) => row.userName),
  );
  report({ phase: 'checking', done: rows.length, total: rows.length });
  const summary = summarize(rows, {
    staleKeyDays,
    unusedKeyDays,
    firstAudit: previous === null,
    rootAccount: gathered.rootAccount,
  });
  const part: AuditAccountPart = { ...account, source: gathered.source, summary };
  const result: AuditResult = {
    accountId: identity.accountId,
    accounts: [part],
    source: gathered.source,
    generatedAt: gathered.generatedAt,
    rows,
    summary,
    requests,
    durationMs: Math.round(performance.now() - started),
  };
  log(
    'audit',
    `${result.source} audit of ${rows.length} users: ${result.summary.flaggedUsers} flagged, ` +
      `${requests} requests, ${result.durationMs} ms`,
  );
  return result;

  async function gather(): Promise<{
    source: AuditSource;
    users: AuditedUser[];
    unreadable?: ReadonlySet<string>;
    rootAccount: AuditResult['summary']['rootAccount'];
    generatedAt: string;
  }> {
    let reportDenied: string | null = null;
    if (options.source !== 'per-user') {
      try {
        const fetched = await fetchCredentialReport(clients.iam, pacing, report);
        const parsed = parseCredentialReport(fetched.csv, now);
        await nameSignedInKey(signedIn, parsed.users, pacing);
        return { source: 'credential-report', ...parsed, generatedAt: fetched.generatedAt };
      } catch (error) {
        signal.throwIfAborted();
        if (options.source === 'credential-report' || !isAccessDenied(error)) {
          throw explain(error, 'read the credential report');
        }
        reportDenied = deniedActionOf(error) ?? 'iam:GenerateCredentialReport';
        log('audit', 'credential report refused; auditing user by user');
      }
    }
    const client = createPacedIamClient(clients.connection);
    try {
      const crawled = await crawlUsers(
        client,
        pacing,
        { concurrency: options.concurrency ?? 8, now },
        report,
      );
      return {
        source: 'per-user',
        users: crawled.users,
        unreadable: crawled.unreadable,
        rootAccount: null,
        generatedAt: new Date().toISOString(),
      };
    } catch (error) {
      signal.throwIfAborted();
      if (reportDenied !== null && isAccessDenied(error)) throw neitherAllowed(reportDenied, error);
      throw explain(error, 'list the people (IAM users) in this AWS account and their keys');
    } finally {
      client.destroy();
    }
  }
}

/**
 * The credential report names no keys, so the key the admin is signed in with is found among
 * their own keys by its creation date (one ListAccessKeys): the window can then leave it out of a
 * bulk fix's count, as the preview does. Anything in the way (not allowed, no such user: a role)
 * leaves the row as the report had it.
 */
async function nameSignedInKey(
  { clients, identity }: SignedIn,
  users: AuditedUser[],
  pacing: Pacing,
): Promise<void> {
  const own = users.find((user) => user.userName === identity.userName);
  if (!own || identity.accessKeyId === null) return;
  if (own.keys.every((key) => key.accessKeyId !== null)) return;
  try {
    const listed = await pacedRequest(pacing, () =>
      clients.iam.send(new ListAccessKeysCommand({ UserName: own.userName }), {
        abortSignal: pacing.signal,
      }),
    );
    const created = listed.AccessKeyMetadata?.find(
      (key) => key.AccessKeyId === identity.accessKeyId,
    )?.CreateDate;
    if (!created) return;
    const key = own.keys.find((k) => createdTogether(k.lastRotated, created));
    if (key) key.accessKeyId = identity.accessKeyId;
  } catch (error) {
    pacing.signal.throwIfAborted();
    log('audit', `could not name the signed-in key: ${awsErrorCode(error) ?? 'no answer'}`);
  }
}

function explain(error: unknown, doing: string): AppError {
  if (error instanceof CredentialReportFormatError) {
    return new AppError(
      'aws-failure',
      'AWS sent a credential report Keyward could not read.',
      'Try the audit again. If it keeps happening, report the problem to Keyward’s developers.',
      { cause: error },
    );
  }
  return translateAwsError(error, { doing });
}

function neitherAllowed(reportAction: string, error: unknown): AppError {
  const crawlAction = deniedActionOf(error) ?? 'iam:ListUsers';
  return new AppError(
    'access-denied',
    'Your AWS account may neither read the credential report nor look at users one by one, ' +
      'so Keyward cannot audit this account.',
    `Ask your AWS administrator to allow "${reportAction}" and "iam:GetCredentialReport" ` +
      `(the fast way), or "${crawlAction}", for you. The AWS policy IAMReadOnlyAccess has both.`,
    { cause: error, details: { deniedAction: crawlAction } },
  );
}
