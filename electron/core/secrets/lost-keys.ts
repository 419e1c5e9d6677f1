import type { LostKey } from '../../common/domain';
import { AppError } from '../errors';
import type { KeyAdmin } from '../keys/key-admin';
import type { Journal } from './journal';
import type { PendingSecrets } from './pending-secrets';

export interface LostKeysDeps {
  journal: Journal;
  /** Secrets still held are not lost: their journal entries are open on purpose. */
  pending: Pick<PendingSecrets, 'journalIds'>;
  keyAdmin: () => Pick<KeyAdmin, 'deleteKey' | 'setKeyStatus'>;
}

/**
 * Keys whose secret was lost (a crash, a lost answer from AWS): the journal entries nothing
 * closed. Each is resolved by deleting or deactivating the key in AWS, or dismissed.
 */
export class LostKeys {
  readonly #deps: LostKeysDeps;

  constructor(deps: LostKeysDeps) {
    this.#deps = deps;
  }

  list(): Promise<LostKey[]> {
    return this.#deps.journal.openEntries(this.#deps.pending.journalIds());
  }

  async resolve(journalId: string, action: 'delete' | 'deactivate' | 'dismiss'): Promise<void> {
    const lost = (await this.list()).find((entry) => entry.journalId === journalId);
    if (!lost)
      throw new AppError(
        'not-found',
        'That unsaved key was already dealt with.',
        'Nothing more to do.',
      );
    if (action !== 'dismiss') {
      if (!lost.accessKeyId) {
        throw new AppError(
          'not-found',
          `Keyward never learned the id of the key it was creating for ${lost.userName}.`,
          `Open ${lost.userName}’s keys and delete any key you did not expect, then dismiss this notice.`,
        );
      }
      const keyAdmin = this.#deps.keyAdmin();
      if (action === 'delete') await keyAdmin.deleteKey(lost.userName, lost.accessKeyId, true);
      else await keyAdmin.setKeyStatus(lost.userName, lost.accessKeyId, 'Inactive');
    }
    await this.#deps.journal.close(journalId, action === 'delete' ? 'deleted' : 'dismissed');
  }

  /** Closes one entry whose outcome is known (a rotation cleaning up after itself). */
  async settle(journalId: string, outcome: 'deleted' | 'failed'): Promise<void> {
    await this.#deps.journal.close(journalId, outcome);
  }

  /** A key deleted in AWS by any door: its reminder closes, as there is nothing left to do. */
  async keyDeleted(accessKeyId: string): Promise<void> {
    for (const lost of await this.list()) {
      if (lost.accessKeyId === accessKeyId)
        await this.#deps.journal.close(lost.journalId, 'deleted');
    }
  }
}
