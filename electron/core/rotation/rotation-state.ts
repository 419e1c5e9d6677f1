import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { profileNamePattern } from '../../common/profile-names';
import { AppError } from '../errors';
import { JsonFile } from '../files/data-file';
import { log } from '../log';
import { rotationSteps } from '../../common/domain';
import type { RotationStep } from '../../common/domain';
import { accountIdPattern, longTermKeyIdPattern } from '../../common/key-shapes';

export { rotationSteps };
export type { RotationStep };

const keyId = z.string().regex(longTermKeyIdPattern);
const profileName = z.string().regex(profileNamePattern);

const inProgressSchema = z.strictObject({
  version: z.literal(1),
  phase: z.literal('in-progress'),
  profile: profileName,
  userName: z.string().min(1).max(64),
  accountId: z.string().regex(accountIdPattern),
  oldKeyId: keyId,
  /** Known once CreateAccessKey answered; null before (or after an orphan was cleaned up). */
  newKeyId: keyId.nullable(),
  /** The user's other keys when the rotation began: any key beyond these was made by it. */
  otherKeyIds: z.array(keyId).max(2),
  graceDays: z.number().int().min(0).max(365),
  description: z.string().max(256).nullable(),
  /** The last step completed, for telling the person where the rotation stopped. */
  step: z.enum(['started', ...rotationSteps]),
  startedAt: z.string().max(40),
  updatedAt: z.string().max(40),
});

const retiredSchema = z.strictObject({
  version: z.literal(1),
  phase: z.literal('retired'),
  profile: profileName,
  userName: z.string().min(1).max(64),
  /** The previous key, kept inactive for its grace period; the next rotation deletes it first. */
  accessKeyId: keyId,
  retiredAt: z.string().max(40),
  deleteAfter: z.string().max(40),
});

const stateSchema = z.discriminatedUnion('phase', [inProgressSchema, retiredSchema]);

/** A rotation under way. Key ids and names only: no secret is ever written here. */
export type RotationInProgress = z.infer<typeof inProgressSchema>;
export type RetiredKey = z.infer<typeof retiredSchema>;
export type RotationRecord = z.infer<typeof stateSchema>;

/**
 * One small JSON file per profile in the data folder's `rotations/`, written atomically, so a
 * rotation stopped by a crash, a closed laptop or a failed call can be resumed or rolled back.
 */
export class RotationStates {
  readonly #dir: string;

  constructor(dataDir: string) {
    this.#dir = path.join(dataDir, 'rotations');
  }

  async read(profile: string): Promise<RotationRecord | null> {
    return (await recordFile(this.#path(profile, '.json'), profile).read()) ?? null;
  }

  async write(record: RotationRecord): Promise<void> {
    await recordFile(this.#path(record.profile, '.json'), record.profile).write(
      record.phase === 'in-progress' ? { ...record, updatedAt: new Date().toISOString() } : record,
    );
  }

  async remove(profile: string): Promise<void> {
    await rm(this.#path(profile, '.json'), { force: true });
  }

  async list(): Promise<RotationRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch {
      return [];
    }
    const records: RotationRecord[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const record = await recordFile(path.join(this.#dir, name), name)
        .read()
        .catch(() => undefined);
      if (record) records.push(record);
    }
    return records;
  }

  /**
   * Only one rotation of a profile at a time, across processes (the window and the command line).
   * A lock left by a process that died is taken over.
   */
  async lock(profile: string): Promise<() => Promise<void>> {
    const lock = lockFile(this.#path(profile, '.lock'));
    const file = lock.path;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await lock.create({ pid: process.pid });
        heldLocks.add(file);
        return async () => {
          heldLocks.delete(file);
          await rm(file, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // A lock file that cannot be read names no process: it is taken over like a stale one.
        const holder = (await lock.read({ ifDamaged: () => undefined }))?.pid ?? null;
        if (holder !== null && isRunning(holder, file)) {
          throw new AppError(
            'conflict',
            `Another rotation of "${profile}" is running right now (process ${String(holder)}).`,
            'Wait for it to finish, then try again.',
          );
        }
        log('rotation', `taking over the lock left by process ${String(holder)}`);
        await rm(file, { force: true });
      }
    }
    throw new AppError(
      'conflict',
      `Another rotation of "${profile}" started at the same moment.`,
      'Wait for it to finish, then try again.',
    );
  }

  #path(profile: string, extension: string): string {
    // Profile names are [A-Za-z0-9._-]; one of only dots must still not name the folder above.
    profileName.parse(profile);
    return path.join(this.#dir, `profile-${profile}${extension}`);
  }
}

/** Lock files this process holds, so a lock naming this process's id is not mistaken for stale. */
const heldLocks = new Set<string>();

function isRunning(pid: number, file: string): boolean {
  if (pid === process.pid) return heldLocks.has(file);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The record of a rotation of `profile` (named by its file when listing). */
function recordFile(file: string, profile: string): JsonFile<RotationRecord> {
  return new JsonFile(file, stateSchema, {
    what: `Keyward’s record of the rotation of "${profile}"`,
    whatToDo: `Check this profile’s keys in Keyward, then delete ${file}.`,
  });
}

/** Which process holds the lock on a profile's rotation. */
function lockFile(file: string): JsonFile<{ pid: number }> {
  return new JsonFile(file, z.object({ pid: z.number().int().positive() }), {
    what: 'The lock on a rotation',
    whatToDo: `Delete ${file} if no rotation is running.`,
  });
}
