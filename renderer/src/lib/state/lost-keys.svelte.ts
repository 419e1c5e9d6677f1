import { createContext } from 'svelte';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { LostKey } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { call } from '../api';
import { shortKeyId } from '../format';
import type { Announcer } from './announcer.svelte';
import { Task } from './task.svelte';

export type LostKeyAction = 'delete' | 'deactivate' | 'dismiss';

/** Keys Keyward created whose secret was never kept (the app stopped first): they exist in AWS. */
export class LostKeys {
  items = $state.raw<LostKey[]>([]);
  /** Resolving one of them; the error is about the key resolved last. */
  readonly resolving = new Task<null, { journalId: string; action: LostKeyAction }>();
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;

  constructor(api: KeywardApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  /** What is being done to this key now, if anything. */
  doingTo = (lost: LostKey): LostKeyAction | null => {
    const doing = this.resolving.doing;
    return doing?.journalId === lost.journalId ? doing.action : null;
  };

  /** Why resolving this key failed, if it was the last one tried. */
  errorOf = (lost: LostKey): BridgeError | null =>
    this.resolving.about?.journalId === lost.journalId ? this.resolving.error : null;

  load = async (): Promise<void> => {
    const answer = await call(() => this.#api.lost.list());
    if (answer.ok) this.items = answer.value;
  };

  resolve = async (lost: LostKey, action: LostKeyAction): Promise<void> => {
    const { journalId } = lost;
    // What AWS did is shown even when another key was acted on meanwhile.
    await this.resolving.run(
      async () => {
        const answer = await this.#api.lost.resolve({ journalId, action });
        if (answer.ok) this.#resolved(lost, action);
        return answer;
      },
      { about: { journalId, action } },
    );
  };

  #resolved(lost: LostKey, action: LostKeyAction): void {
    this.items = this.items.filter((item) => item.journalId !== lost.journalId);
    const key = lost.accessKeyId ? `Key ${shortKeyId(lost.accessKeyId)}` : 'The unsaved key';
    this.#announcer.say(
      action === 'delete'
        ? `${key} was deleted.`
        : action === 'deactivate'
          ? `${key} was deactivated.`
          : 'Notice dismissed.',
    );
  }
}

export const [getLostKeys, setLostKeys] = createContext<LostKeys>();
