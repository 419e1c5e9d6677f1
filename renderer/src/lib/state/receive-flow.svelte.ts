import { createContext } from 'svelte';
import type {
  ClaimedKey,
  OpenedHandoffFile,
  UnlockedHandoff,
} from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';
import { toBase64 } from '../format';
import { freeProfileName } from '../rules';
import type { Announcer } from './announcer.svelte';
import type { StoredKeys } from './stored-keys.svelte';

export type ReceiveStep = 'open' | 'passphrase' | 'choose' | 'done';

/** Largest key file Keyward accepts (main checks it again). */
export const maxKeyFileBytes = 64 * 1024;

/**
 * Receiving a key from an admin: show this computer's receiving code, open the key file, unlock
 * it, check the key works with AWS, keep it in the keychain. Decryption happens in main; the page
 * sees what the file holds, never the secret.
 */
export class ReceiveFlow {
  code = $state<string | null>(null);
  codeError = $state.raw<BridgeError | null>(null);
  step = $state<ReceiveStep>('open');
  opened = $state.raw<OpenedHandoffFile | null>(null);
  unlocked = $state.raw<UnlockedHandoff | null>(null);
  selected = $state(0);
  profileName = $state('');
  claimed = $state.raw<ClaimedKey | null>(null);
  busy = $state<'opening' | 'unlocking' | 'claiming' | null>(null);
  error = $state.raw<BridgeError | null>(null);
  readonly #announcer: Announcer;
  readonly #stored: StoredKeys;
  /**
   * Counts the files opened (and the fresh starts): the file the person opened last is the one on
   * screen, so an answer for work started under an earlier count arrives too late and is ignored.
   */
  #generation = 0;

  constructor(announcer: Announcer, stored: StoredKeys) {
    this.#announcer = announcer;
    this.#stored = stored;
  }

  /**
   * The name the chosen key is kept under here already, if it is: keeping it twice would leave
   * one copy on the retired key after the next replacement (main refuses it too).
   */
  readonly keptAs = $derived.by(() => {
    const key = this.unlocked?.keys[this.selected];
    if (!key) return null;
    return this.#stored.profiles.find((p) => p.accessKeyId === key.accessKeyId)?.name ?? null;
  });

  /** The claim failed only because AWS did not accept the key: it can still be kept. */
  readonly notWorking = $derived(this.error?.code === 'key-not-working');

  loadCode = async (): Promise<void> => {
    if (this.code !== null) return;
    this.codeError = null;
    const answer = await call(() => api.identity.receivingCode());
    if (answer.ok) this.code = answer.value.code;
    else this.codeError = answer.error;
  };

  openWithDialog = (): Promise<void> => this.#open({ kind: 'dialog' });

  openDropped = async (file: File): Promise<void> => {
    if (file.size > maxKeyFileBytes) {
      this.error = {
        code: 'handoff-too-large',
        message: `“${file.name}” is too big to be a key file.`,
        hint: 'Check that you chose the file your admin sent you; key files are small (a few kilobytes).',
      };
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    await this.#open({ kind: 'bytes', name: file.name.slice(-255), base64: toBase64(bytes) });
  };

  /**
   * The file the OS opened Keyward with (double-click on a .keyward file), if any. True when
   * there is something to show on Receive: the file, or why it could not be opened.
   */
  openLaunchFile = async (): Promise<boolean> => {
    const answer = await call(() => api.handoff.open({ source: { kind: 'launch' } }));
    if (!answer.ok) {
      // Said on Receive, as for a file chosen there: silence would leave the person guessing.
      this.reset();
      this.error = answer.error;
      return true;
    }
    if (answer.value === null) return false;
    this.reset();
    await this.#opened(answer.value);
    return true;
  };

  async #open(
    source: { kind: 'dialog' } | { kind: 'bytes'; name: string; base64: string },
  ): Promise<void> {
    this.busy = 'opening';
    this.error = null;
    const answer = await call(() => api.handoff.open({ source }));
    this.busy = null;
    if (!answer.ok) {
      this.error = answer.error;
      return;
    }
    if (answer.value === null) return; // the person closed the file dialog
    void this.#forgetOpened();
    this.#generation += 1;
    await this.#opened(answer.value);
  }

  async #opened(file: OpenedHandoffFile): Promise<void> {
    this.opened = file;
    if (file.lock === 'recipients') {
      this.#announcer.say(`Opened ${file.fileName}. It is locked to this computer.`);
      await this.unlock(null);
    } else {
      this.step = 'passphrase';
      this.#announcer.say(`Opened ${file.fileName}. It needs its passphrase.`);
    }
  }

  unlock = async (passphrase: string | null): Promise<void> => {
    const token = this.opened?.token;
    if (!token) return;
    const generation = this.#generation;
    this.busy = 'unlocking';
    this.error = null;
    const answer = await call(() => api.handoff.unlock({ token, passphrase }));
    if (generation !== this.#generation) return; // another file was opened meanwhile
    this.busy = null;
    if (!answer.ok) {
      this.error = answer.error;
      return;
    }
    await this.#stored.load();
    if (generation !== this.#generation) return;
    this.unlocked = answer.value;
    this.selected = 0;
    const first = answer.value.keys[0];
    this.profileName = freeProfileName(
      first?.userName ? first.userName : 'work',
      this.#stored.names,
    );
    this.step = 'choose';
  };

  claim = async (storeEvenIfNotWorking = false): Promise<void> => {
    const token = this.unlocked?.token;
    if (!token) return;
    const generation = this.#generation;
    this.busy = 'claiming';
    this.error = null;
    const answer = await call(() =>
      api.handoff.claim({
        token,
        index: this.selected,
        profileName: this.profileName,
        ...(storeEvenIfNotWorking ? { storeEvenIfNotWorking } : {}),
      }),
    );
    if (generation !== this.#generation) {
      // Another file was opened meanwhile and is on screen: this key is kept all the same.
      if (answer.ok) {
        this.#announcer.say(`The earlier key was kept as “${answer.value.profile.name}”.`);
        await this.#stored.load();
      }
      return;
    }
    this.busy = null;
    if (!answer.ok) {
      this.error = answer.error;
      return;
    }
    this.claimed = answer.value;
    this.opened = null;
    this.unlocked = null;
    this.step = 'done';
    await this.#stored.load();
  };

  /** Back to the start: forgets any file opened in main. */
  reset = (): void => {
    void this.#forgetOpened();
    this.#generation += 1;
    this.step = 'open';
    this.opened = null;
    this.unlocked = null;
    this.claimed = null;
    this.error = null;
    this.busy = null;
  };

  async #forgetOpened(): Promise<void> {
    const token = this.opened?.token;
    if (token) await call(() => api.handoff.forget({ token }));
  }
}

export const [getReceiveFlow, setReceiveFlow] = createContext<ReceiveFlow>();
