import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { AppError } from '../errors';
import { JsonFile } from './data-file';
import { log } from '../log';

/**
 * A lock every Keyward process on this computer honours (the window and the command line share
 * the data folder), held while a short piece of work runs. It is a file created atomically
 * (`createFileAtomic`: whole, or fails because it exists) naming the process that holds it and a
 * random nonce; the holder removes it when done. A lock left behind by a process that died is taken
 * over. Within one process, work on the same lock queues, so the process never waits on itself.
 */
export interface ProcessLockOptions {
  /** How long to wait for another process before giving up (default 30 s). */
  patienceMs?: number;
  /** What to tell the person when waiting ran out. */
  busy: () => AppError;
}

const holderSchema = z.strictObject({
  pid: z.number().int().positive(),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  /** When it was taken (ms since 1970), for a lock whose process id was reused after a crash. */
  since: z.number().int().nonnegative(),
});
type Holder = z.infer<typeof holderSchema>;

const pollMs = 50;
const defaultPatienceMs = 30_000;
/**
 * The work under these locks is a few keychain calls, each given up after seconds; a lock this old
 * was left by a process that died, even if another process has since been given its id.
 */
const staleAfterMs = 5 * 60_000;

/** The work queued on each lock in this process. */
const queues = new Map<string, Promise<unknown>>();
/** Lock files this process holds, so a lock naming this process is not mistaken for stale. */
const held = new Set<string>();

/** Runs `work` holding the lock `file`, waiting for any other holder first. */
export function withProcessLock<T>(
  file: string,
  work: () => Promise<T>,
  options: ProcessLockOptions,
): Promise<T> {
  return inTurn(file, async () => {
    const release = await acquire(file, options);
    try {
      return await work();
    } finally {
      await release();
    }
  });
}

/** Runs `work` once all work queued before it under `name` in this process has ended. */
export function inTurn<T>(name: string, work: () => Promise<T>): Promise<T> {
  const turn = (queues.get(name) ?? Promise.resolve()).then(work);
  const settled = turn.catch(() => undefined);
  queues.set(name, settled);
  void settled.then(() => {
    // The last in line clears the queue, so the map does not keep one entry per lock ever used.
    if (queues.get(name) === settled) queues.delete(name);
  });
  return turn;
}

async function acquire(file: string, options: ProcessLockOptions): Promise<() => Promise<void>> {
  const lock = lockFile(file);
  const deadline = Date.now() + (options.patienceMs ?? defaultPatienceMs);
  for (;;) {
    const mine: Holder = {
      pid: process.pid,
      nonce: randomBytes(16).toString('hex'),
      since: Date.now(),
    };
    try {
      await lock.create(mine);
      held.add(file);
      return () => release(file, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (Date.now() >= deadline) throw options.busy();
    // A lock that cannot be read names no process: like one whose process died, it is stale.
    const holder = await readHolder(file);
    if (holder === undefined) continue; // released a moment ago: try again at once
    if (holder === null || !isRunning(holder, file)) {
      await takeOver(file, holder);
      continue;
    }
    await sleep(pollMs);
  }
}

async function release(file: string, mine: Holder): Promise<void> {
  held.delete(file);
  // Only our own lock is removed: had ours been taken over, the file is now someone else's.
  if ((await readHolder(file))?.nonce === mine.nonce) await rm(file, { force: true });
}

/**
 * Removes a stale lock, and only that one. Two processes may find the same stale lock; each moves
 * the file aside under a name of its own (rename is atomic, so at most one of them gets it) and
 * checks that what it moved is the lock it judged stale. A lock taken in between is put back.
 */
async function takeOver(file: string, stale: Holder | null): Promise<void> {
  const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const moved = (await readHolder(aside)) ?? null;
    if (moved === null ? stale === null : moved.nonce === stale?.nonce) {
      log('lock', `took over ${file}, left by process ${stale ? String(stale.pid) : 'unknown'}`);
      return;
    }
    // Fails only if a third process has taken the lock meanwhile; then that one holds it.
    await link(aside, file).catch(() => undefined);
  } finally {
    await rm(aside, { force: true });
  }
}

/** Who holds the lock: undefined when there is no lock file, null when it names no one. */
async function readHolder(file: string): Promise<Holder | null | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isRunning({ pid, since }: Holder, file: string): boolean {
  if (pid === process.pid) return held.has(file);
  if (Date.now() - since > staleAfterMs) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockFile(file: string): JsonFile<Holder> {
  return new JsonFile(file, holderSchema, {
    what: 'A Keyward lock file',
    whatToDo: `Delete ${file} if no other Keyward window or command is running.`,
  });
}
