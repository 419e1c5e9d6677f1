import { randomBytes } from 'node:crypto';
import type { PendingKeyState, SecuredBy } from '../../common/domain';
import { AppError } from '../errors';
import type { StoredKey } from '../vault/profile-store';

/** A new key's secret, between CreateAccessKey and "forgotten". Lives in main's memory only. */
export interface PendingSecret {
  handle: string;
  journalId: string;
  accessKeyId: string;
  secretAccessKey: string;
  userName: string;
  accountId: string;
  created: string;
  description: string | null;
  securedBy: Set<SecuredBy>;
  /** The AWS identity (ARN) whose sign-in created it: the secret is that sign-in's alone. */
  ownerArn: string;
}

/** What the keychain keeps for a new key: everything but the handle and bookkeeping. */
export function storedKeyOf(pending: PendingSecret): StoredKey {
  return {
    accessKeyId: pending.accessKeyId,
    secretAccessKey: pending.secretAccessKey,
    userName: pending.userName,
    accountId: pending.accountId,
    created: pending.created,
    description: pending.description,
  };
}

/**
 * New secrets behind opaque handles. The renderer only ever holds the handle; the secret leaves
 * this registry for the keychain, an encrypted file, the clipboard, or an explicit "Show secret".
 */
export class PendingSecrets {
  readonly #entries = new Map<string, PendingSecret>();

  add(entry: Omit<PendingSecret, 'handle' | 'securedBy'>): PendingSecret {
    const handle = randomBytes(16).toString('hex');
    const pending: PendingSecret = { ...entry, handle, securedBy: new Set() };
    this.#entries.set(handle, pending);
    return pending;
  }

  get(handle: string): PendingSecret {
    const entry = this.#entries.get(handle);
    if (!entry) {
      throw new AppError(
        'secret-gone',
        'Keyward no longer holds this key’s secret.',
        'It was already put away or forgotten. If you still need the key, create a new one.',
      );
    }
    return entry;
  }

  /** Returns true the first time the secret is secured in any way. */
  markSecured(handle: string, by: SecuredBy): boolean {
    const entry = this.get(handle);
    const first = entry.securedBy.size === 0;
    entry.securedBy.add(by);
    return first;
  }

  forget(handle: string): void {
    this.#entries.delete(handle);
  }

  /** The secrets `ownerArn`'s sign-in created. */
  ownedBy(ownerArn: string): PendingSecret[] {
    return [...this.#entries.values()].filter((entry) => entry.ownerArn === ownerArn);
  }

  /** Everything still held, for "you have unsaved keys" on close and quit. */
  list(): PendingKeyState[] {
    return [...this.#entries.values()].map((entry) => ({
      handle: entry.handle,
      accessKeyId: entry.accessKeyId,
      userName: entry.userName,
      accountId: entry.accountId,
      created: entry.created,
      description: entry.description,
      securedBy: [...entry.securedBy],
    }));
  }

  hasUnsecured(): boolean {
    return [...this.#entries.values()].some((entry) => entry.securedBy.size === 0);
  }

  journalIds(): Set<string> {
    return new Set([...this.#entries.values()].map((entry) => entry.journalId));
  }
}
