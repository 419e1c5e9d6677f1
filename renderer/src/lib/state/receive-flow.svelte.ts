import { createContext } from 'svelte';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type {
  ConsoleCsvKept,
  ConsoleCsvOpened,
  ReceivedFile,
} from '../../../../electron/common/console-csv';
import type {
  ClaimedKey,
  OpenedHandoffFile,
  UnlockedHandoff,
} from '../../../../electron/common/domain';
import { call } from '../api';
import { toBase64 } from '../format';
import { freeProfileName } from '../rules';
import type { Announcer } from './announcer.svelte';
import { CodeSharing } from './receive-flow-sharing.svelte';
import type { StoredKeys } from './stored-keys.svelte';
import { Task } from './task.svelte';

export type ReceiveStep = 'open' | 'passphrase' | 'choose' | 'done';

/** Largest key file Keyward accepts (main checks it again). */
export const maxKeyFileBytes = 64 * 1024;

/**
 * The e-mail draft "Email it to my admin" opens: no addressee (the person picks their admin), the
 * code, and one plain line saying what it is. Main opens only drafts of this shape.
 */
export function receivingCodeMail(code: string): string {
  const subject = 'My Keyward receiving code';
  const body =
    'This is my Keyward receiving code: use it to lock a key file so that only my computer can open it. It is not a secret, so it is safe to send by email.' +
    `\n\n${code}\n`;
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** Keeping a key although a check failed, because the person chose to. */
export interface ClaimInsistence {
  notWorking?: boolean;
  otherAccount?: boolean;
}

/**
 * Receiving a key from an admin: show this computer's receiving code, open the key file, unlock
 * it, check the key works with AWS, keep it in the keychain. Decryption happens in main; the page
 * sees what the file holds, never the secret.
 */
export class ReceiveFlow {
  /** This computer's receiving code, asked of main once. */
  readonly code = new Task<{ code: string }>();
  /** Opening the e-mail draft that carries the receiving code. */
  readonly mail = new Task<null>();
  /** The code's check words, and sharing it in AWS for the admin to find. */
  readonly sharing: CodeSharing;
  step = $state<ReceiveStep>('open');
  opened = $state.raw<OpenedHandoffFile | null>(null);
  unlocked = $state.raw<UnlockedHandoff | null>(null);
  selected = $state(0);
  profileName = $state('');
  claimed = $state.raw<ClaimedKey | null>(null);
  /** The IAM console's plaintext download opened instead of a key file (its secret stays in main). */
  csv = $state.raw<ConsoleCsvOpened | null>(null);
  /** That download's key, once kept; then deleting the plaintext file is offered. */
  csvKept = $state.raw<ConsoleCsvKept | null>(null);
  /** Deleting the plaintext download: its answer is the file that was deleted. */
  readonly deleting = new Task<{ file: string }>();
  /**
   * Opening, unlocking or keeping the file on screen. Opening another file (or starting afresh)
   * resets it: an answer for an earlier file then arrives too late and is not shown.
   */
  readonly work = new Task<unknown, 'opening' | 'unlocking' | 'claiming'>();
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;
  readonly #stored: StoredKeys;

  constructor(api: KeywardApi, announcer: Announcer, stored: StoredKeys) {
    this.#api = api;
    this.#announcer = announcer;
    this.#stored = stored;
    this.sharing = new CodeSharing(api, announcer);
  }

  /**
   * The name the chosen key is kept under here already, if it is: keeping it twice would leave
   * one copy on the retired key after the next replacement (main refuses it too).
   */
  readonly keptAs = $derived.by(() => {
    if (this.csv) return this.csv.keptAs;
    const key = this.unlocked?.keys[this.selected];
    if (!key) return null;
    return this.#stored.profiles.find((p) => p.accessKeyId === key.accessKeyId)?.name ?? null;
  });

  /** The claim failed only because AWS did not accept the key: it can still be kept. */
  readonly notWorking = $derived(this.work.error?.code === 'key-not-working');
  /** AWS says the key belongs to another account than the file names: which two. */
  readonly otherAccount = $derived(
    this.work.error?.code === 'key-other-account'
      ? (this.work.error.details?.otherAccount ?? null)
      : null,
  );
  /** What the person already chose to keep anyway, for this file's key. */
  #insisted: ClaimInsistence = {};

  loadCode = async (): Promise<void> => {
    if (this.code.value !== null) return;
    await this.code.run(() => this.#api.identity.receivingCode());
  };

  /** Opens the person's mail program on a draft holding the receiving code, for their admin. */
  emailCode = async (): Promise<void> => {
    const code = this.code.value?.code;
    if (!code) return;
    await this.mail.run(() => this.#api.links.open({ url: receivingCodeMail(code) }));
  };

  openWithDialog = (): Promise<void> => this.#open({ kind: 'dialog' });

  /** A console download Keyward found in the Downloads folder at start. */
  openOffered = (id: string): Promise<void> => this.#open({ kind: 'offered', id });

  openDropped = async (file: File): Promise<void> => {
    if (file.size > maxKeyFileBytes) {
      this.work.error = {
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
    const answer = await call(() => this.#api.handoff.open({ source: { kind: 'launch' } }));
    if (!answer.ok) {
      // Said on Receive, as for a file chosen there: silence would leave the person guessing.
      this.reset();
      this.work.error = answer.error;
      return true;
    }
    if (answer.value === null) return false;
    this.reset();
    await this.#opened(answer.value);
    return true;
  };

  async #open(
    source:
      | { kind: 'dialog' }
      | { kind: 'bytes'; name: string; base64: string }
      | { kind: 'offered'; id: string },
  ): Promise<void> {
    const answer = await this.work.run(() => this.#api.receive.open({ source }), {
      about: 'opening',
    });
    if (!answer.ok || answer.value === null) return; // null: the person closed the file dialog
    // The file the person chose is the one on screen, even when another was opened meanwhile.
    this.reset();
    await this.#received(answer.value);
  }

  async #received(received: ReceivedFile): Promise<void> {
    if (received.kind === 'key-file') {
      await this.#opened(received.file);
      return;
    }
    await this.#stored.load();
    this.csv = received.file;
    this.profileName = received.file.suggestedName;
    this.step = 'choose';
    this.#announcer.say(
      `Opened ${received.file.fileName}, the key download from the AWS console. Give the key a name.`,
    );
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

  /** The file `token` names is still the one on screen: nothing newer was opened meanwhile. */
  #showing(token: string): boolean {
    return this.opened?.token === token;
  }

  unlock = async (passphrase: string | null): Promise<void> => {
    const token = this.opened?.token;
    if (!token) return;
    const answer = await this.work.run(() => this.#api.handoff.unlock({ token, passphrase }), {
      about: 'unlocking',
    });
    if (!answer.latest || !answer.ok) return;
    await this.#stored.load();
    if (!this.#showing(token)) return;
    this.unlocked = answer.value;
    this.selected = 0;
    const first = answer.value.keys[0];
    this.profileName = freeProfileName(
      first?.userName ? first.userName : 'work',
      this.#stored.names,
    );
    this.#insisted = {};
    this.step = 'choose';
  };

  /**
   * Keeps the chosen key. `insist` keeps it although AWS did not accept it, or although AWS says
   * it belongs to another account than the file names; a choice once made holds for this key.
   */
  claim = async (insist: ClaimInsistence = {}): Promise<void> => {
    if (this.csv) {
      await this.#keepCsv(this.csv.token);
      return;
    }
    const token = this.unlocked?.token;
    if (!token) return;
    const { notWorking = false, otherAccount = false } = (this.#insisted = {
      ...this.#insisted,
      ...insist,
    });
    const answer = await this.work.run(
      () =>
        this.#api.handoff.claim({
          token,
          index: this.selected,
          profileName: this.profileName,
          ...(notWorking ? { storeEvenIfNotWorking: true } : {}),
          ...(otherAccount ? { keepEvenIfOtherAccount: true } : {}),
        }),
      { about: 'claiming' },
    );
    if (!answer.latest) {
      // Another file was opened meanwhile and is on screen: this key is kept all the same.
      if (answer.ok) {
        this.#announcer.say(`The earlier key was kept as “${answer.value.profile.name}”.`);
        await this.#stored.load();
      }
      return;
    }
    if (!answer.ok) return;
    this.#insisted = {};
    this.claimed = answer.value;
    this.opened = null;
    this.unlocked = null;
    this.step = 'done';
    await this.#stored.load();
  };

  /** Checks the console download's key with AWS and keeps it; AWS's refusal is final here. */
  async #keepCsv(token: string): Promise<void> {
    const answer = await this.work.run(
      () => this.#api.consoleCsv.keep({ token, profileName: this.profileName }),
      { about: 'claiming' },
    );
    if (!answer.latest || !answer.ok) return;
    this.csvKept = answer.value;
    this.step = 'done';
    this.#announcer.say(`Kept the key as “${answer.value.profile.name}”.`);
    await this.#stored.load();
  }

  /** Zeroes and deletes the plaintext download of the key just kept. */
  deleteDownload = async (): Promise<void> => {
    const token = this.csv?.token;
    if (!token || !this.csvKept) return;
    const answer = await this.deleting.run(() => this.#api.consoleCsv.deleteOriginal({ token }));
    if (answer.ok) this.#announcer.say(`Deleted ${this.csv?.fileName ?? 'the file'}.`);
  };

  /** Back to the start: forgets any file opened in main. */
  reset = (): void => {
    void this.#forgetOpened();
    this.work.reset();
    this.deleting.reset();
    this.step = 'open';
    this.opened = null;
    this.unlocked = null;
    this.claimed = null;
    this.csv = null;
    this.csvKept = null;
  };

  async #forgetOpened(): Promise<void> {
    const token = this.opened?.token;
    if (token) await call(() => this.#api.handoff.forget({ token }));
    const csvToken = this.csv?.token;
    if (csvToken) await call(() => this.#api.consoleCsv.forget({ token: csvToken }));
  }
}

export const [getReceiveFlow, setReceiveFlow] = createContext<ReceiveFlow>();
