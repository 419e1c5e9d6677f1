import path from 'node:path';
import { z } from 'zod';
import type { StoredProfile } from '../../common/domain';
import { newProfileNameProblem, profileNamePattern } from '../../common/profile-names';
import {
  longTermUse,
  maxSessionSeconds,
  mfaSerialPattern,
  minSessionSeconds,
} from '../../common/credential-use';
import { AppError } from '../errors';
import { inTurn, withProcessLock } from '../files/process-lock';
import type { SecretStore } from './secret-store';
import {
  accessKeyIdPattern,
  accountIdPattern,
  secretAccessKeyPattern,
} from '../../common/key-shapes';

/** Windows Credential Manager refuses blobs over 2,560 bytes; every backend gets the same bound. */
export const maxEntryBytes = 2560;

// Names are checked by one rule for the page and for core (electron/common/profile-names.ts).
export { profileNamePattern };
export const profileNameSchema = z
  .string()
  .regex(profileNamePattern, 'use 1–64 letters, digits, "-", "_" or "."');

const accountPrefix = 'profile:';

const storedKeySchema = z.strictObject({
  accessKeyId: z.string().regex(accessKeyIdPattern),
  secretAccessKey: z.string().regex(secretAccessKeyPattern),
  userName: z.string().min(1).max(64),
  accountId: z.string().regex(accountIdPattern),
  created: z.string().max(40),
  description: z.string().max(256).nullable(),
  /** Absent for keys kept before sessions existed: they hand out the long-term key. */
  use: z
    .strictObject({
      mode: z.enum(['session', 'long-term']),
      durationSeconds: z.number().int().min(minSessionSeconds).max(maxSessionSeconds),
      mfaSerial: z.string().regex(mfaSerialPattern).nullable(),
    })
    .optional(),
});

/** The keychain entry for one profile. It holds the secret; it stays in main. */
export type StoredKey = z.infer<typeof storedKeySchema>;

/** A name to give a key (no leading dash), or an AppError saying how to choose one. */
export function checkProfileName(name: string): string {
  const problem = newProfileNameProblem(name);
  if (problem) {
    throw new AppError(
      'invalid-input',
      `"${name.slice(0, 64)}" cannot be used as a profile name.`,
      problem,
    );
  }
  return name;
}

/** The name of a key that may already be kept (older versions allowed a leading dash). */
export function checkKeptProfileName(name: string): string {
  if (!profileNamePattern.test(name)) {
    throw new AppError(
      'invalid-input',
      `"${name.slice(0, 64)}" cannot be used as a profile name.`,
      'Names of kept keys are 1 to 64 letters, digits, dashes (-), underscores (_) or dots (.): check the name in Keyward’s list of stored keys.',
    );
  }
  return name;
}

/** Keys stored by Keyward: one keychain entry per profile, a small JSON document. */
export class ProfileStore {
  readonly #store: SecretStore;
  readonly #lockFile: string | null;
  readonly #keyChanged: ((name: string) => Promise<void>)[] = [];

  /**
   * `dataDir`: the data folder every Keyward process using this keychain shares, where the lock
   * that makes `keepNew` atomic across processes lives. Without it (tests seeding keys, the
   * rotation's spare slots) only stores within this process are kept apart.
   */
  constructor(store: SecretStore, options: { dataDir?: string } = {}) {
    this.#store = store;
    this.#lockFile =
      options.dataDir === undefined ? null : path.join(options.dataDir, 'locks', 'kept-keys.lock');
  }

  /**
   * Keeps a key under a new name: the name must be free and the key not kept already (see
   * `requireFree`). Checking and writing happen under one lock, so of two stores into one name at
   * the same moment (the window and the command line, or two windows) exactly one wins and the
   * other is told the name is taken; without it both would pass the check, and the second write
   * would silently replace the first key's secret.
   */
  async keepNew(name: string, key: StoredKey): Promise<void> {
    await this.exclusively(async () => {
      await this.requireFree(name, key.accessKeyId);
      await this.put(name, key);
    });
  }

  /**
   * Runs `work` while no other Keyward process (nor this one) is storing a key under a new name.
   * One lock for every name, not one per name: "a key is kept under one name" spans names, and
   * these stores are rare and take a moment.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T> {
    const busy = () =>
      new AppError(
        'conflict',
        'Another Keyward window or command has been storing a key for a while, so this key was not stored yet.',
        'Wait for it to finish, then try again. Your key is still here.',
      );
    return this.#lockFile === null
      ? inTurn('kept keys, this process only', work)
      : withProcessLock(this.#lockFile, work, { busy });
  }

  /**
   * `listener` runs after a name is given another key (a rotation) or removed: what was made from
   * the old key (its cached STS sessions) must go with it.
   */
  onKeyChanged(listener: (name: string) => Promise<void>): void {
    this.#keyChanged.push(listener);
  }

  async put(name: string, key: StoredKey): Promise<void> {
    checkKeptProfileName(name);
    const document = JSON.stringify(storedKeySchema.parse(key));
    if (Buffer.byteLength(document, 'utf8') > maxEntryBytes) {
      throw new AppError(
        'invalid-input',
        'This key’s details are too long to fit in the keychain.',
        'Shorten the description, then try again.',
      );
    }
    const before = this.#keyChanged.length > 0 ? await this.get(name).catch(() => null) : null;
    await this.#store.set(accountPrefix + name, document);
    if (before && before.accessKeyId !== key.accessKeyId) await this.#tellKeyChanged(name);
  }

  async get(name: string): Promise<StoredKey | null> {
    checkKeptProfileName(name);
    const document = await this.#store.get(accountPrefix + name);
    if (document === null) return null;
    const parsed = storedKeySchema.safeParse(safeJson(document));
    if (!parsed.success) {
      throw new AppError(
        'internal',
        `The keychain entry for "${name}" is damaged.`,
        'Remove this profile from Keyward and store the key again.',
      );
    }
    return parsed.data;
  }

  async require(name: string): Promise<StoredKey> {
    const key = await this.get(name);
    if (!key) {
      throw new AppError(
        'not-found',
        `There is no key called "${name}" on this computer.`,
        'Check the name in Keyward’s list of stored keys.',
      );
    }
    return key;
  }

  /**
   * Before a key is kept under a new name: the name must be one a key may be given, be free, and
   * the key must not be kept already under another name (after a rotation one copy would point
   * at the retired key).
   */
  async requireFree(name: string, accessKeyId?: string): Promise<void> {
    checkProfileName(name);
    if (await this.get(name)) {
      throw new AppError(
        'conflict',
        `A key called "${name}" is already stored on this computer.`,
        'Choose another name, or remove the old key from Keyward first.',
      );
    }
    const keptAs =
      accessKeyId === undefined
        ? undefined
        : (await this.list()).find((profile) => profile.accessKeyId === accessKeyId);
    if (keptAs) {
      throw new AppError(
        'conflict',
        `This key is already kept as “${keptAs.name}”.`,
        `Use “${keptAs.name}”: one copy is enough, and a second would keep the old key after the next replacement.`,
      );
    }
  }

  async remove(name: string): Promise<boolean> {
    checkKeptProfileName(name);
    const removed = await this.#store.delete(accountPrefix + name);
    if (removed) await this.#tellKeyChanged(name);
    return removed;
  }

  async #tellKeyChanged(name: string): Promise<void> {
    for (const listener of this.#keyChanged) await listener(name);
  }

  async list(): Promise<StoredProfile[]> {
    const names = (await this.#store.list())
      .filter((account) => account.startsWith(accountPrefix))
      .map((account) => account.slice(accountPrefix.length))
      .filter((name) => profileNamePattern.test(name))
      .sort();
    const profiles: StoredProfile[] = [];
    for (const name of names) {
      const key = await this.get(name).catch(() => null);
      if (key) profiles.push(summarize(name, key));
    }
    return profiles;
  }
}

export function summarize(name: string, key: StoredKey): StoredProfile {
  return {
    name,
    accessKeyId: key.accessKeyId,
    userName: key.userName,
    accountId: key.accountId,
    created: key.created,
    description: key.description,
    use: key.use ?? longTermUse,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
