import { createContext } from 'svelte';
import type { LostKey } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';
import { shortKeyId } from '../format';
import type { Announcer } from './announcer.svelte';

export type LostKeyAction = 'delete' | 'deactivate' | 'dismiss';

/** Keys Keyward created whose secret was never kept (the app stopped first): they exist in AWS. */
export class LostKeys {
  items = $state.raw<LostKey[]>([]);
  busy = $state.raw<{ journalId: string; action: LostKeyAction } | null>(null);
  error = $state.raw<{ journalId: string; error: BridgeError } | null>(null);
  readonly #announcer: Announcer;

  constructor(announcer: Announcer) {
    this.#announcer = announcer;
  }

  load = async (): Promise<void> => {
    const answer = await call(() => api.lost.list());
    if (answer.ok) this.items = answer.value;
  };

  resolve = async (lost: LostKey, action: LostKeyAction): Promise<void> => {
    this.busy = { journalId: lost.journalId, action };
    this.error = null;
    const answer = await call(() => api.lost.resolve({ journalId: lost.journalId, action }));
    this.busy = null;
    if (!answer.ok) {
      this.error = { journalId: lost.journalId, error: answer.error };
      return;
    }
    this.items = this.items.filter((item) => item.journalId !== lost.journalId);
    const key = lost.accessKeyId ? `Key ${shortKeyId(lost.accessKeyId)}` : 'The unsaved key';
    this.#announcer.say(
      action === 'delete'
        ? `${key} was deleted.`
        : action === 'deactivate'
          ? `${key} was deactivated.`
          : 'Notice dismissed.',
    );
  };
}

export const [getLostKeys, setLostKeys] = createContext<LostKeys>();
