import type { IAMClient } from '@aws-sdk/client-iam';
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { AuditKey, AuditResult } from '../../common/audit';
import type {
  AuditFixKind,
  AuditFixPlan,
  AuditFixProgress,
  AuditFixResult,
  FixExcludedKey,
  FixKeyOutcome,
  FixKeyResult,
  FixPlanKey,
} from '../../common/audit-fix';
import { createPacedIamClient } from '../aws/aws-clients';
import { awsErrorCode, translateAwsError } from '../aws/aws-errors';
import type { AwsSession } from '../aws/aws-session';
import { AppError } from '../errors';
import { describeError, log, maskKeyId } from '../log';
import { fixApplies, fixCandidates, idleDaysOf, measuredSentence } from '../../common/fix-rules';
import { createdTogether } from './credential-report';
import { pacedRequest, type Pacing } from './paced-request';
import { AdaptiveRateLimiter } from './rate-limiter';
import { readUser } from './user-crawl';
import type { KeyChanges } from '../keys/key-changes';

type FixSession = Pick<AwsSession, 'call' | 'signedIn'>;

export interface FixDeps {
  session: FixSession;
  /** KeyAdmin's own calls, so History, its rules and onKeyStopped apply. */
  keyAdmin: KeyChanges;
  /**
   * Every signed-in account's sign-in and key administration (AccountKeys): an audit of several
   * accounts has each key fixed in its own account. Without it, only the current account's keys.
   */
  accounts?: {
    session(accountId?: string): FixSession;
    keyAdmin(accountId?: string): KeyChanges;
  };
}

export interface FixRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: AuditFixProgress) => void;
  /** Keys worked on at once; the rate limiter, not this, sets the pace. */
  concurrency?: number;
  now?: number;
}

/** One account's sign-in, key administration, paced IAM client and rate limiter. */
interface Door {
  session: FixSession;
  keyAdmin: KeyChanges;
  limiter: AdaptiveRateLimiter;
  pacing: Pacing;
  iam: IAMClient;
}

/**
 * The doors of one preview or fix, opened as its keys need them: each account has its own
 * sign-in and its own IAM rate limit, so its own paced client and limiter. A key of an account
 * that is not signed in any more fails; it is never sent through another account's clients.
 */
function pacedWork(deps: FixDeps, signal: AbortSignal, concurrency: number) {
  const open = new Map<string, Door>();
  const currentAccount = deps.session.signedIn().identity.accountId;
  // Each worker's waiting request listens for cancel; all are removed when it answers.
  setMaxListeners(concurrency * 4 + 10, signal);
  const door = (accountId: string | undefined): Door => {
    const id = accountId ?? currentAccount;
    const known = open.get(id);
    if (known) return known;
    if (id !== currentAccount && !deps.accounts) {
      throw new AppError(
        'not-signed-in',
        `This key is in AWS account ${id}, which this fix cannot reach.`,
        'Make that account the current one, run the audit again, then fix from there.',
      );
    }
    const session = deps.accounts ? deps.accounts.session(id) : deps.session;
    const keyAdmin = deps.accounts ? deps.accounts.keyAdmin(id) : deps.keyAdmin;
    const limiter = new AdaptiveRateLimiter();
    const pacing: Pacing = { limiter, signal, countRequests: () => undefined };
    const iam = createPacedIamClient(session.signedIn().clients.connection);
    const opened = { session, keyAdmin, limiter, pacing, iam };
    open.set(id, opened);
    return opened;
  };
  return {
    door,
    slowedDown: () => [...open.values()].some((opened) => opened.limiter.slowedDown),
    close: () => {
      for (const opened of open.values()) opened.iam.destroy();
    },
  };
}

/** A user's keys as IAM has them now, paced, through the account's door. */
function currentKeys(door: Door, userName: string, now: number) {
  return door.session.call(
    'iam:ListAccessKeys',
    userName,
    async () => (await readUser(door.iam, door.pacing, { UserName: userName }, now)).keys,
  );
}

/** The lookup key of one user in one account. */
const userIn = (accountId: string | undefined, userName: string) =>
  `${accountId ?? ''}\n${userName}`;

/** The audit saw this key by creation date only (credential report): find it among the keys now. */
function sameKey(seen: AuditKey, now: readonly AuditKey[]): AuditKey | undefined {
  if (seen.accessKeyId !== null) return now.find((key) => key.accessKeyId === seen.accessKeyId);
  const { lastRotated } = seen;
  return lastRotated === null
    ? undefined
    : now.find((key) => key.lastRotated !== null && createdTogether(lastRotated, key.lastRotated));
}

const signedInWhy =
  'This is the key you are signed in with. Keyward never changes it in a bulk fix: ' +
  'sign in with another key to change it.';

/**
 * Works out exactly which keys a fix would change, from the last audit's rows. Keys the audit
 * could not name (the credential report gives no key ids) are looked up in IAM, at the audit's
 * pace, and judged by what IAM says now. The key the admin is signed in with is never in a plan.
 */
export async function previewFix(
  deps: FixDeps,
  audit: AuditResult,
  kind: AuditFixKind,
  days: number,
  options: FixRunOptions = {},
): Promise<AuditFixPlan> {
  const now = options.now ?? Date.now();
  const signal = options.signal ?? new AbortController().signal;
  const concurrency = options.concurrency ?? 4;
  const work = pacedWork(deps, signal, concurrency);
  const { candidates, noRecord } = fixCandidates(audit.rows, kind, days, now);
  const keys: FixPlanKey[] = [];
  const excluded: FixExcludedKey[] = noRecord.map(({ accountId, userName, key }) => ({
    ...(accountId !== undefined && { accountId }),
    userName,
    accessKeyId: key.accessKeyId,
    why: 'AWS has no record of when this key was last used, so Keyward cannot tell how long it has gone unused.',
  }));

  const toLookUp = [
    ...new Map(
      candidates
        .filter((c) => c.key.accessKeyId === null)
        .map((c) => [userIn(c.accountId, c.userName), c] as const),
    ).values(),
  ];
  const lookedUp = new Map<string, AuditKey[] | null>();
  try {
    if (toLookUp.length > 0) {
      const report = (done: number) => {
        options.onProgress?.({
          phase: 'previewing',
          done,
          total: toLookUp.length,
          slowedDown: work.slowedDown(),
        });
      };
      try {
        let next = 0;
        let done = 0;
        report(0);
        const worker = async () => {
          while (next < toLookUp.length) {
            const candidate = toLookUp[next++];
            if (!candidate) continue;
            const { accountId, userName } = candidate;
            try {
              lookedUp.set(
                userIn(accountId, userName),
                await currentKeys(work.door(accountId), userName, now),
              );
            } catch (error) {
              if (awsErrorCode(error) !== 'NoSuchEntity') throw error;
              lookedUp.set(userIn(accountId, userName), null);
            }
            report(++done);
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
      } catch (error) {
        signal.throwIfAborted();
        if (error instanceof AppError) throw error;
        throw translateAwsError(error, { doing: 'look up the keys to fix' });
      }
    }

    for (const candidate of candidates) {
      const { accountId, userName } = candidate;
      const account = accountId !== undefined ? { accountId } : {};
      let key: AuditKey | undefined = candidate.key;
      let idle: ReturnType<typeof idleDaysOf> = candidate;
      if (key.accessKeyId === null) {
        const listed = lookedUp.get(userIn(accountId, userName));
        key = listed ? sameKey(key, listed) : undefined;
        idle = key ? idleDaysOf(key, now) : null;
        if (
          !key?.accessKeyId ||
          !fixApplies(kind, key.active) ||
          idle === null ||
          idle.idleDays < days
        ) {
          excluded.push({
            ...account,
            userName,
            accessKeyId: key?.accessKeyId ?? null,
            why: 'This key changed in AWS after the audit (it was used, turned on or off, or deleted).',
          });
          continue;
        }
      }
      const { accessKeyId } = key;
      // The key the admin is signed in with, in that key's own account.
      const ownKey = work.door(accountId).session.signedIn().identity.accessKeyId;
      if (accessKeyId === ownKey) {
        excluded.push({ ...account, userName, accessKeyId, why: signedInWhy });
        continue;
      }
      keys.push({
        ...account,
        userName,
        accessKeyId,
        created: key.lastRotated ?? '',
        ageDays: key.ageDays ?? 0,
        lastUsed: key.lastUsed.kind === 'used' ? key.lastUsed.date : null,
        idleDays: idle.idleDays,
        measuredFrom: idle.measuredFrom,
      });
    }
  } finally {
    work.close();
  }
  keys.sort(
    (a, b) =>
      (a.accountId ?? '').localeCompare(b.accountId ?? '') ||
      a.userName.localeCompare(b.userName) ||
      a.created.localeCompare(b.created),
  );
  return {
    id: randomUUID(),
    kind,
    days,
    accountId: audit.accountId,
    keys,
    excluded,
    measured: measuredSentence(kind, days),
    confirmation: String(keys.length),
  };
}

/**
 * KeyAdmin's calls go through the session's SDK client, whose own retries hide most Throttling
 * answers; one that still comes back is handed to pacedRequest as AWS sent it, so the rate
 * limiter slows down and the call is retried rather than shown to the person as a failure.
 */
async function throttlingAsAwsSent(act: () => Promise<void>): Promise<void> {
  try {
    await act();
  } catch (error) {
    if (error instanceof AppError && error.code === 'throttled' && error.cause !== undefined) {
      // The SDK's own error, exactly as pacedRequest recognises Throttling.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw error.cause;
    }
    throw error;
  }
}

function whyOf(error: unknown, userName: string): { why: string; code: string } {
  const known =
    error instanceof AppError
      ? error
      : translateAwsError(error, { doing: 'change the key', userName });
  if (!(error instanceof AppError)) log('audit', `fix failed: ${describeError(error)}`);
  return { why: `${known.message} ${known.hint}`, code: known.code };
}

/**
 * Carries out a previewed plan. Each key is checked again just before it is changed, and left
 * alone (skipped, with why) when it no longer fits the plan; one key failing does not stop the
 * others. Every request goes at the audit's adaptive pace, so a large fix runs near the
 * account's limit without Throttling ever reaching the person.
 */
export async function applyFix(
  deps: FixDeps,
  plan: AuditFixPlan,
  options: FixRunOptions = {},
): Promise<AuditFixResult> {
  const signal = options.signal ?? new AbortController().signal;
  const concurrency = options.concurrency ?? 4;
  const work = pacedWork(deps, signal, concurrency);
  const results: (FixKeyResult | undefined)[] = new Array<FixKeyResult | undefined>(
    plan.keys.length,
  );
  let next = 0;
  let done = 0;
  const report = () => {
    options.onProgress?.({
      phase: 'fixing',
      done,
      total: plan.keys.length,
      slowedDown: work.slowedDown(),
    });
  };

  // A function, not the property: cancel can come while a key is being worked on.
  const stopped = () => signal.aborted;
  const fixOne = async (planned: FixPlanKey): Promise<FixKeyOutcome> => {
    const { userName, accessKeyId } = planned;
    if (signal.aborted)
      return { outcome: 'skipped', why: 'Stopped before Keyward reached this key.' };
    let door: Door;
    try {
      door = work.door(planned.accountId);
    } catch (error) {
      return { outcome: 'failed', ...whyOf(error, userName) };
    }
    if (accessKeyId === door.session.signedIn().identity.accessKeyId) {
      return { outcome: 'skipped', why: signedInWhy };
    }
    const now = options.now ?? Date.now();
    let listed: AuditKey[];
    try {
      listed = await currentKeys(door, userName, now);
    } catch (error) {
      if (stopped()) return { outcome: 'skipped', why: 'Stopped before Keyward reached this key.' };
      if (awsErrorCode(error) === 'NoSuchEntity') {
        return { outcome: 'skipped', why: `${userName} no longer exists in AWS.` };
      }
      return { outcome: 'failed', ...whyOf(error, userName) };
    }
    const key = listed.find((k) => k.accessKeyId === accessKeyId);
    if (!key) return { outcome: 'skipped', why: 'The key was deleted after the preview.' };
    if (!fixApplies(plan.kind, key.active)) {
      return {
        outcome: 'skipped',
        why:
          plan.kind === 'deactivate-unused'
            ? 'The key was deactivated after the preview.'
            : 'The key was turned back on (Active) after the preview, so it was not deleted.',
      };
    }
    const idle = idleDaysOf(key, now);
    if (idle === null || idle.idleDays < plan.days) {
      const used = key.lastUsed.kind === 'used' ? ` on ${key.lastUsed.date.slice(0, 10)}` : '';
      return { outcome: 'skipped', why: `The key was used${used}, after the preview.` };
    }
    try {
      await pacedRequest(door.pacing, () =>
        throttlingAsAwsSent(() =>
          plan.kind === 'deactivate-unused'
            ? door.keyAdmin.setKeyStatus(userName, accessKeyId, 'Inactive', false)
            : // Inactive, as just checked: key administration's in-use rule does not apply.
              door.keyAdmin.deleteKey(userName, accessKeyId, false),
        ),
      );
      return { outcome: 'done' };
    } catch (error) {
      if (stopped()) return { outcome: 'skipped', why: 'Stopped before Keyward reached this key.' };
      return { outcome: 'failed', ...whyOf(error, userName) };
    }
  };

  const worker = async () => {
    while (next < plan.keys.length) {
      const at = next++;
      const planned = plan.keys[at];
      if (!planned) continue;
      const outcome = await fixOne(planned);
      results[at] = {
        ...(planned.accountId !== undefined && { accountId: planned.accountId }),
        userName: planned.userName,
        accessKeyId: planned.accessKeyId,
        at: new Date().toISOString(),
        ...outcome,
      };
      done += 1;
      report();
    }
  };
  report();
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    work.close();
  }
  const keys = results.filter((result) => result !== undefined);
  const count = (outcome: FixKeyResult['outcome']) =>
    keys.filter((key) => key.outcome === outcome).length;
  const result: AuditFixResult = {
    planId: plan.id,
    kind: plan.kind,
    days: plan.days,
    keys,
    done: count('done'),
    skipped: count('skipped'),
    failed: count('failed'),
  };
  log(
    'audit',
    `fix ${plan.kind} ${String(plan.days)} days: ${String(result.done)} done, ` +
      `${String(result.skipped)} skipped, ${String(result.failed)} failed` +
      (result.failed > 0
        ? ` (first: ${maskKeyId(keys.find((k) => k.outcome === 'failed')?.accessKeyId ?? '')})`
        : ''),
  );
  return result;
}
