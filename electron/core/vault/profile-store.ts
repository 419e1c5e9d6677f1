import path from 'node:path';
import { z } from 'zod';
import type { DamagedEntry, StoredProfile } from '../../common/domain';
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

/** The words for a name nothing is kept under, whichever door asked. */
export function nothingKeptAs(name: string): AppError {
  return new AppError(
    'not-found',
    `There is no key called "${name}" on this computer.`,
    'Check the name in Keyward’s list of stored keys.',
  );
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
    const entry = await this.entry(name);
    if (entry?.kind === 'damaged') {
      throw new AppError(
        'internal',
        `The keychain entry for "${name}" is damaged.`,
        `Keyward cannot use it: ${entry.problem}. Remove it (in My keys, or keyward profiles remove --profile ${name}), then keep the key again.`,
      );
    }
    return entry?.key ?? null;
  }

  /** What is kept under a name, damaged or not; null when nothing is. */
  async entry(name: string): Promise<KeptEntry | null> {
    checkKeptProfileName(name);
    const document = await this.#store.get(accountPrefix + name);
    if (document === null) return null;
    const json = safeJson(document);
    const parsed = storedKeySchema.safeParse(json);
    if (parsed.success) return { kind: 'kept', key: parsed.data };
    return { kind: 'damaged', problem: whatIsWrong(json), accessKeyId: keyIdIn(json) };
  }

  async require(name: string): Promise<StoredKey> {
    const key = await this.get(name);
    if (!key) throw nothingKeptAs(name);
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

  /** The keys kept, without their secrets (damaged entries left out: see `inventory`). */
  async list(): Promise<StoredProfile[]> {
    return (await this.inventory()).kept;
  }

  /**
   * Every entry under a key name, read once: the keys kept, and the entries that cannot be read
   * (so a door can show them and offer to remove them rather than hide them). Other entries
   * (`session:<name>`, the receiving identity) are not keys and are not listed.
   */
  async inventory(): Promise<{ kept: StoredProfile[]; damaged: DamagedEntry[] }> {
    const names = (await this.#store.list())
      .filter((account) => account.startsWith(accountPrefix))
      .map((account) => account.slice(accountPrefix.length))
      .filter((name) => profileNamePattern.test(name))
      .sort();
    const kept: StoredProfile[] = [];
    const damaged: DamagedEntry[] = [];
    for (const name of names) {
      // An entry deleted between listing and reading (another window) is simply gone.
      const entry = await this.entry(name).catch(() => null);
      if (entry?.kind === 'kept') kept.push(summarize(name, entry.key));
      if (entry?.kind === 'damaged') damaged.push({ name, problem: entry.problem });
    }
    return { kept, damaged };
  }
}

/** A keychain entry under a key name: a key Keyward can use, or a damaged one. */
export type KeptEntry =
  | { kind: 'kept'; key: StoredKey }
  | {
      kind: 'damaged';
      problem: string;
      /** The key ID it still names, when one shaped like a key ID is there (for the log). */
      accessKeyId: string | null;
    };

/** Plain names of an entry's details, for saying which ones are missing. */
const detailNames: Record<string, string> = {
  userName: 'the AWS user',
  accountId: 'the AWS account',
  created: 'the date it was created',
  description: 'the description',
  use: 'how the AWS command line gets it',
};

/**
 * What is wrong with an entry that does not parse, in plain words. Built from field names only:
 * an entry's values are never repeated (one of them may be a secret).
 */
function whatIsWrong(json: unknown): string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return 'it is not readable as a Keyward key';
  }
  const fields = json as Record<string, unknown>;
  if (typeof fields['secretAccessKey'] !== 'string') return 'the secret is missing';
  if (!secretAccessKeyPattern.test(fields['secretAccessKey'])) {
    return 'the secret is not shaped like an AWS secret';
  }
  if (typeof fields['accessKeyId'] !== 'string') return 'the key ID is missing';
  if (!accessKeyIdPattern.test(fields['accessKeyId'])) {
    return 'the key ID is not shaped like an AWS key ID';
  }
  const shape = storedKeySchema.shape;
  const unreadable = Object.entries(detailNames)
    .filter(([field]) => !shape[field as keyof typeof shape].safeParse(fields[field]).success)
    .map(([, words]) => words);
  if (unreadable.length > 0) {
    return `some of its details are missing or unreadable: ${unreadable.join(', ')}`;
  }
  return 'it holds details this version of Keyward does not know (kept by a newer Keyward?)';
}

function keyIdIn(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const id = (json as Record<string, unknown>)['accessKeyId'];
  return typeof id === 'string' && accessKeyIdPattern.test(id) ? id : null;
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
