import { stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  BatchOutcome,
  BatchPerson,
  BatchProgress,
  BatchRequest,
  BatchResult,
} from '../../common/batch';
import type { HandoffLockRequest } from '../../common/domain';
import type { ActivityLog } from '../activity/activity-log';
import { AdaptiveRateLimiter } from '../audit/rate-limiter';
import { isThrottling, translateAwsError } from '../aws/aws-errors';
import { codeFingerprint } from '../directory/fingerprint';
import { AppError } from '../errors';
import { createFileAtomic } from '../files/atomic-write';
import { sealKeyFile } from '../handoff/seal-to-file';
import { log, maskKeyId } from '../log';
import type { NewKeys } from '../secrets/new-keys';
import { storedKeyOf } from '../secrets/pending-secrets';
import type { BatchJournal, PersonState } from './batch-journal';

/** The receiving codes people published on their IAM users (core.directory). */
export interface PublishedCodes {
  lookup(userName: string): Promise<{ code: string; changedSinceLastUse: boolean } | null>;
  remember(userName: string, code: string): Promise<void>;
}

export interface BatchHost {
  newKeys: Pick<NewKeys, 'create' | 'get' | 'markSecured' | 'finish' | 'held'>;
  actor: () => string;
  activity: Pick<ActivityLog, 'record'>;
  journal: BatchJournal;
  /** Null until the directory of published codes exists (then "published" locks are refused). */
  directory: () => PublishedCodes | null;
  /**
   * The AWS account signed in to now (null when signed out). Every request goes to the current
   * account, so a batch stops creating keys once the admin switched account or signed out.
   */
  account?: () => string | null;
}

export interface BatchOptions {
  onProgress?: (progress: BatchProgress) => void;
  /** People worked on at once; the rate limiter, not this, sets the pace. */
  concurrency?: number;
}

/** How many times one person is tried again after AWS said "slow down" (nothing was made). */
const maxThrottledTries = 6;

/** The outcome "refused" of one person, with what to do next. */
function refused(
  userName: string,
  reason: string,
  hint: string,
  accessKeyId: string | null = null,
): BatchOutcome {
  return { userName, status: 'refused', reason, hint, accessKeyId };
}

/** 14:05, in the computer's own time zone: what a person compares with their clock. */
function clockTime(iso: string): string {
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

class Throttled extends Error {}

/**
 * Creates a key for each person and writes it, sealed, as `<user>.keyward` into one folder.
 * Several people are worked on at once, at the pace AWS admits (the audit's rate limiter). Each
 * person ends done or refused with the reason, never skipped; the journal makes a second run after
 * an interruption finish the batch without ever creating a second key for anyone.
 */
export async function runBatch(
  host: BatchHost,
  request: BatchRequest,
  options: BatchOptions = {},
): Promise<BatchResult> {
  const folder = path.resolve(request.outDir);
  if (
    !(await stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    throw new AppError(
      'not-found',
      `The folder ${folder} does not exist.`,
      'Create it first, or choose another folder.',
    );
  }
  const states = await host.journal.states(folder);
  const account = host.account?.() ?? null;
  const limiter = new AdaptiveRateLimiter({ initialRate: 10 });
  const outcomes: BatchOutcome[] = new Array<BatchOutcome>(request.people.length);
  let finished = 0;
  let next = 0;
  options.onProgress?.({ finished, total: request.people.length });

  const worker = async () => {
    for (let index = next++; index < request.people.length; index = next++) {
      const person = request.people[index];
      if (!person) continue;
      const state = states.get(person.userName) ?? { kind: 'none' };
      outcomes[index] = await onePerson(host, limiter, folder, person, state, account);
      finished += 1;
      options.onProgress?.({ finished, total: request.people.length });
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, request.people.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return { outDir: folder, people: outcomes };
}

async function onePerson(
  host: BatchHost,
  limiter: AdaptiveRateLimiter,
  folder: string,
  person: BatchPerson,
  state: PersonState,
  account: string | null,
): Promise<BatchOutcome> {
  const { userName } = person;
  const file = path.join(folder, `${userName}.keyward`);
  const left = () => accountLeft(host, account, userName);
  try {
    const resumed = await resume(host, folder, person, state, left);
    if (resumed) return resumed;

    const lock = await lockFor(host, person, limiter, left);
    if ('status' in lock) return lock;
    if (await exists(file)) {
      return refused(
        userName,
        `${userName}.keyward is already in ${folder}, so no key was created for ${userName}.`,
        'Move or rename that file, or choose another folder, then run again.',
      );
    }
    for (let tries = 1; ; tries++) {
      try {
        return await createAndWrite(host, limiter, folder, person, lock, file, left);
      } catch (error) {
        if (!(error instanceof Throttled) || tries >= maxThrottledTries) throw error;
        limiter.throttled();
      }
    }
  } catch (error) {
    const plain =
      error instanceof Throttled
        ? translateAwsError(error.cause, { doing: 'create an access key', userName })
        : translateAwsError(error, { doing: 'create an access key', userName });
    return refused(userName, plain.message, plain.hint);
  }
}

/**
 * The refusal for a person not yet reached when the admin switched to another AWS account or
 * signed out: their key would be made (or their code looked up) in the wrong account. Null while
 * the batch's account is still the current one.
 */
function accountLeft(
  host: BatchHost,
  account: string | null,
  userName: string,
): BatchOutcome | null {
  if (!host.account || host.account() === account) return null;
  return refused(
    userName,
    `No key was created for ${userName}: you switched to another AWS account or signed out while the keys were being created.`,
    `Go back to account ${account ?? ''}, then create the keys again: people already done are not given a second key.`,
  );
}

/** What an earlier, interrupted run left for this person; null when there is nothing. */
async function resume(
  host: BatchHost,
  folder: string,
  person: BatchPerson,
  state: PersonState,
  left: () => BatchOutcome | null,
): Promise<BatchOutcome | null> {
  const { userName } = person;
  switch (state.kind) {
    case 'none':
      return null;
    case 'written':
      // Finished before; a file since removed means a new batch for this person.
      if (!(await exists(state.file))) return null;
      return {
        userName,
        status: 'done',
        file: state.file,
        accessKeyId: state.accessKeyId,
        passphrase: null,
        earlier: true,
        ...(state.checkWords ? { checkWords: state.checkWords } : {}),
      };
    case 'begun':
      await host.journal.append({ op: 'closed', folder, userName });
      return refused(
        userName,
        `Keyward was stopped at ${clockTime(state.at)} while creating a key for ${userName}, so a key may exist without its file.`,
        `Open ${userName} in People’s keys and deactivate any key created at ${clockTime(state.at)}. Then run the batch again to create a new key.`,
      );
    case 'created': {
      const held = host.newKeys.held().find((key) => key.accessKeyId === state.accessKeyId);
      if (held) {
        const lock = await lockFor(host, person, undefined, left);
        if ('status' in lock) return lock;
        return writeKeyFile(host, folder, person, lock, held.handle);
      }
      const file = path.join(folder, `${userName}.keyward`);
      // Stopped between writing the file and noting it: the file was absent before this key was
      // made (that is checked first), so it is this key's.
      if (await exists(file)) {
        await host.journal.append({
          op: 'written',
          folder,
          userName,
          accessKeyId: state.accessKeyId,
          file,
        });
        return {
          userName,
          status: 'done',
          file,
          accessKeyId: state.accessKeyId,
          passphrase: null,
          earlier: true,
        };
      }
      await host.journal.append({ op: 'closed', folder, userName });
      return refused(
        userName,
        `A key was created for ${userName} at ${clockTime(state.at)} but its file was not written: deactivate it (${state.accessKeyId}).`,
        `Open ${userName} in People’s keys and deactivate ${state.accessKeyId}; nobody has its secret. Then run the batch again to create a new key.`,
        state.accessKeyId,
      );
    }
  }
}

/** The lock of a person's file; a refusal when their published code cannot be used. */
async function lockFor(
  host: BatchHost,
  person: BatchPerson,
  limiter?: AdaptiveRateLimiter,
  left: () => BatchOutcome | null = () => null,
): Promise<HandoffLockRequest | BatchOutcome> {
  const { userName, lock } = person;
  if (lock.kind === 'code') return { kind: 'recipients', codes: [lock.code] };
  if (lock.kind === 'passphrase') return { kind: 'passphrase', passphrase: null };
  const directory = host.directory();
  // One request (the user's tags), at the batch's pace.
  await limiter?.acquire();
  // Another account's user of that name may have published another code.
  const gone = left();
  if (gone) return gone;
  const published = directory ? await directory.lookup(userName) : null;
  limiter?.admitted();
  if (!published) {
    return refused(
      userName,
      `No receiving code for ${userName}: they have not published one.`,
      `Ask ${userName} for the receiving code Keyward shows them (or to publish it), or choose a passphrase file for them.`,
    );
  }
  if (published.changedSinceLastUse) {
    return refused(
      userName,
      `${userName}’s published receiving code changed since you last used it, so no key was created.`,
      `Ask ${userName} to read out the four check words of their receiving code, then give their code for this person.`,
    );
  }
  return { kind: 'recipients', codes: [published.code] };
}

async function createAndWrite(
  host: BatchHost,
  limiter: AdaptiveRateLimiter,
  folder: string,
  person: BatchPerson,
  lock: HandoffLockRequest,
  file: string,
  left: () => BatchOutcome | null,
): Promise<BatchOutcome> {
  const { userName } = person;
  // Listing the key ids (the two-key limit), creating one, and writing its description.
  const requests = person.description ? 3 : 2;
  for (let i = 0; i < requests; i++) await limiter.acquire();
  await host.journal.append({ op: 'begin', folder, userName, at: new Date().toISOString() });
  // Checked with no wait before the create, which sends to whichever account is current.
  const gone = left();
  if (gone) {
    await host.journal.append({ op: 'closed', folder, userName });
    return gone;
  }
  let created;
  try {
    created = await host.newKeys.create(userName, person.description, { quickLimitCheck: true });
  } catch (error) {
    await host.journal.append({ op: 'closed', folder, userName });
    if (isThrottling(error) || (error instanceof AppError && error.code === 'throttled')) {
      throw new Throttled('throttled', { cause: error });
    }
    for (let i = 0; i < requests; i++) limiter.admitted();
    const plain = translateAwsError(error, { doing: 'create an access key', userName });
    const lost = plain.details?.lostKey?.accessKeyId ?? null;
    return refused(userName, plain.message, plain.hint, lost);
  }
  for (let i = 0; i < requests; i++) limiter.admitted();
  await host.journal.append({
    op: 'created',
    folder,
    userName,
    accessKeyId: created.accessKeyId,
    at: created.created,
  });
  return writeKeyFile(host, folder, person, lock, created.handle, file);
}

/**
 * Seals the held secret and writes it, privately and never over an existing file. A failure
 * leaves the secret held (and the journal at "created"), so running the batch again in this
 * window writes the file without a second key.
 */
async function writeKeyFile(
  host: BatchHost,
  folder: string,
  person: BatchPerson,
  lock: HandoffLockRequest,
  handle: string,
  file = path.join(folder, `${person.userName}.keyward`),
): Promise<BatchOutcome> {
  const { userName } = person;
  const pending = host.newKeys.get(handle);
  let passphrase: string | null;
  try {
    const sealed = await sealKeyFile(
      { ...storedKeyOf(pending), description: pending.description ?? '' },
      lock,
    );
    passphrase = sealed.passphrase;
    await createFileAtomic(file, sealed.armored, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    log('batch', `write ${maskKeyId(pending.accessKeyId)} failed: ${code}`);
    return refused(
      userName,
      code === 'EEXIST'
        ? `A key was created for ${userName} (${pending.accessKeyId}), but ${userName}.keyward appeared in the folder meanwhile, so it was not overwritten.`
        : `A key was created for ${userName} (${pending.accessKeyId}), but its file could not be written${code === 'ENOSPC' ? ': the disk is full' : ''}.`,
      'Keep this window open, make room or move the other file away, then run the batch again: the file is written without creating another key.',
      pending.accessKeyId,
    );
  }
  await host.newKeys.markSecured(pending, lock.kind === 'recipients' ? 'handoff' : 'file');
  const code = lock.kind === 'recipients' ? lock.codes[0] : undefined;
  // Only a published code has words to compare: a code the admin was given came from the person.
  const words =
    person.lock.kind === 'published' && code !== undefined
      ? { checkWords: codeFingerprint(code) }
      : {};
  await host.journal.append({
    op: 'written',
    folder,
    userName,
    accessKeyId: pending.accessKeyId,
    file,
    ...words,
  });
  await host.activity.record({
    actor: host.actor(),
    action: lock.kind === 'recipients' ? 'key.handed-off' : 'key.saved-to-file',
    userName,
    accessKeyId: pending.accessKeyId,
  });
  await host.newKeys.finish(handle, false);
  if (code !== undefined) await host.directory()?.remember(userName, code);
  log('batch', `wrote ${maskKeyId(pending.accessKeyId)} for ${userName}`);
  return {
    userName,
    status: 'done',
    file,
    accessKeyId: pending.accessKeyId,
    passphrase,
    earlier: false,
    ...words,
  };
}
