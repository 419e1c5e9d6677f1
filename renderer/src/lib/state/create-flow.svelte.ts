import { createContext } from 'svelte';
import type {
  NewKey,
  SavedHandoff,
  SecuredBy,
  StoredProfile,
} from '../../../../electron/common/domain';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { PublishedCode } from '../../../../electron/common/code-directory';
import type { Result } from '../../../../electron/common/result';
import { call } from '../api';
import { shortKeyId } from '../format';
import type { PurposeId } from '../purposes';
import { purposeById } from '../purposes';
import { freeProfileName } from '../rules';
import type { Announcer } from './announcer.svelte';
import type { ClipboardTimer } from './clipboard-timer.svelte';
import type { LeaveGuard, ScreenName } from './navigation.svelte';
import type { Session } from './session.svelte';
import type { StoredKeys } from './stored-keys.svelte';
import { Task } from './task.svelte';
import { UserKeys } from './user-keys.svelte';

export type CreateStep = 'whose' | 'purpose' | 'describe' | 'limit' | 'secure' | 'done';
export type Whose = 'self' | 'colleague';

/** What the flow works with besides main: who is signed in, the kept keys, and the window's own. */
export interface CreateHelpers {
  session: Session;
  stored: StoredKeys;
  announcer: Announcer;
  clipboard: ClipboardTimer;
}

/**
 * The console's "create access key" made safe. The secret lives in main behind `key.handle`; the
 * page holds it only between "Show secret" and "Hide" (or leaving the step). Leaving while the
 * secret is kept nowhere is guarded: AWS never shows it again.
 */
export class CreateFlow implements LeaveGuard {
  step = $state<CreateStep>('whose');
  whose = $state<Whose>('self');
  colleague = $state('');
  /** Set when started from a person's page in the admin workspace. */
  fixedUser = $state<string | null>(null);
  returnTo = $state<ScreenName | null>(null);
  purpose = $state<PurposeId | null>(null);
  acknowledged = $state(false);
  description = $state('');
  /** "Create the key"; never reset while under way: AWS's answer is the only way to the secret. */
  readonly creating = new Task<NewKey>();

  key = $state.raw<NewKey | null>(null);
  /** The secret is still held in main behind the handle. */
  open = $state(false);
  /** The person chose to delete the key, and AWS is deleting it: nothing may keep it now. */
  discarding = $state(false);
  securedBy = $state.raw<SecuredBy[]>([]);
  /** "Show secret": `value` holds the secret while it is shown; `error` is also the copy's. */
  readonly revealing = new Task<{ secretAccessKey: string }>();

  profileName = $state('');
  /** Keeping it in this computer's keychain; `value` is where it is kept. */
  readonly storing = new Task<StoredProfile>();
  /** "Rename": the key just kept, moved to another name; `value` is where it is kept now. */
  readonly renaming = new Task<StoredProfile>();
  /**
   * The person's own key, just created while they watched: the "keep it safe" step keeps it in
   * the keychain as it appears (`keepOnArrival`). Not after a reload, nor while leaving, nor for
   * a colleague's key: that one is for their computer, in a key file.
   */
  #keepOnArrival = false;
  /** For a colleague: which way of making their key file shows. */
  handOver = $state<'code' | 'passphrase'>('code');
  /** Saving it as a passphrase-locked file; `value` is the file (null: the save was cancelled). */
  readonly savingFile = new Task<SavedHandoff | null>();
  codesText = $state('');
  /** Sealing it for a colleague's computer; `value` is the file. */
  readonly sealing = new Task<SavedHandoff | null>();
  /**
   * The receiving code the colleague shared in AWS, with its check words (null: none); it fills
   * the code field. Only a shared code that is not one is shown as an error: otherwise, as
   * before, the admin pastes the code.
   */
  readonly published = new Task<PublishedCode | null>();
  /**
   * The check words of the one receiving code the admin pasted (`about` is the code): the
   * colleague reads theirs back, so a code changed on its way by email or chat is caught.
   */
  readonly pastedWords = new Task<string[], string>();

  outcome = $state<'kept' | 'discarded' | null>(null);
  /** Set by begin(); the create screen starts afresh on arrival unless a flow was just prepared. */
  prepared = false;
  /** Leaving is guarded here: the create screen is where a new key's secret can be kept. */
  readonly home: ScreenName = 'create';
  #creation: Promise<void> | null = null;

  /** The two keys already there when AWS refused a third. */
  readonly limitKeys: UserKeys;
  readonly #api: KeywardApi;
  readonly #session: Session;
  readonly #stored: StoredKeys;
  readonly #announcer: Announcer;
  readonly #clipboard: ClipboardTimer;

  constructor(api: KeywardApi, helpers: CreateHelpers) {
    this.#api = api;
    this.#session = helpers.session;
    this.#stored = helpers.stored;
    this.#announcer = helpers.announcer;
    this.#clipboard = helpers.clipboard;
    // Deactivating or deleting the key Keyward is signed in with (after the person agreed to the
    // lock-out) ends the sign-in: it could not work any more.
    this.limitKeys = new UserKeys(api, helpers.announcer, () => helpers.session.signOut());
  }

  /** The AWS user the key is for. */
  get targetUser(): string {
    return (
      this.fixedUser ??
      (this.whose === 'self' ? (this.#session.identity?.userName ?? '') : this.colleague.trim())
    );
  }

  get forSelf(): boolean {
    return this.targetUser !== '' && this.targetUser === this.#session.identity?.userName;
  }

  /** The secret, while "Show secret" shows it. */
  get secret(): string | null {
    return this.revealing.value?.secretAccessKey ?? null;
  }

  readonly blocked = $derived(this.open && this.securedBy.length === 0);

  /** Why "Finish" cannot be pressed yet, said beside it; null once the key is kept. */
  get finishProblem(): string | null {
    if (!this.key || this.securedBy.length > 0) return null;
    return this.forSelf
      ? 'Finish is possible once the key is kept in your keychain.'
      : `Finish is possible once a key file for ${this.key.userName} is saved.`;
  }

  /** "Create the key" is under way: it may yet leave a secret to keep. */
  get settling(): boolean {
    return this.creating.busy;
  }

  settled = async (): Promise<void> => {
    await this.#creation;
  };

  /** Arriving at the create screen keeps a flow that holds, or is about to hold, a new key. */
  get holdsKey(): boolean {
    return this.open || this.creating.busy;
  }

  begin = (options: { forUser?: string | null; returnTo?: ScreenName | null } = {}): void => {
    this.fixedUser = options.forUser ?? null;
    this.returnTo = options.returnTo ?? null;
    this.step = this.fixedUser ? 'purpose' : 'whose';
    this.whose = this.fixedUser ? 'colleague' : 'self';
    this.colleague = '';
    this.purpose = null;
    this.acknowledged = false;
    this.description = '';
    this.creating.error = null;
    this.key = null;
    this.open = false;
    this.securedBy = [];
    for (const task of [this.revealing, this.storing, this.renaming, this.savingFile, this.sealing])
      task.reset();
    this.published.reset();
    this.#keepOnArrival = false;
    this.handOver = 'code';
    this.codesText = '';
    this.outcome = null;
    this.prepared = true;
  };

  /**
   * A new key main still holds from before a reload of the window: back to its "keep it safe"
   * step, so the secret is never left unreachable. Returns whether there was one.
   */
  resumeHeld = async (): Promise<boolean> => {
    const answer = await call(() => this.#api.keys.pending());
    const held = answer.ok ? answer.value.find((key) => key.securedBy.length === 0) : undefined;
    if (!held) return false;
    this.begin({ forUser: held.userName });
    const { securedBy, ...key } = held;
    await this.#holding(key, securedBy);
    this.#announcer.say(
      `Key ${shortKeyId(held.accessKeyId)} is not kept anywhere yet. Keep it safe now.`,
    );
    return true;
  };

  /** A new key's secret is held in main: on to keeping it, under a name not taken yet. */
  async #holding(key: NewKey, securedBy: SecuredBy[]): Promise<void> {
    this.key = key;
    this.open = true;
    this.securedBy = securedBy;
    await this.#stored.load();
    const base = this.forSelf ? (this.#session.identity?.accountAlias ?? 'work') : key.userName;
    this.profileName = freeProfileName(base, this.#stored.names);
    this.step = 'secure';
    if (!this.forSelf) void this.#findPublished(key.userName);
  }

  /** A colleague's shared receiving code fills the field, unless the admin typed one already. */
  async #findPublished(userName: string): Promise<void> {
    const answer = await this.published.run(() => this.#api.directory.lookup({ userName }), {
      handles: (error) => error.code !== 'invalid-recipient',
    });
    if (answer.ok && answer.latest && answer.value && this.codesText.trim() === '') {
      this.codesText = answer.value.code;
    }
  }

  /** Asks for `code`'s check words once; null (no single valid code) forgets them. */
  showCheckWords = async (code: string | null): Promise<void> => {
    if (code === null) {
      this.pastedWords.reset();
      return;
    }
    if (this.pastedWords.about === code) return;
    await this.pastedWords.run(() => this.#api.directory.checkWords({ code }), { about: code });
  };

  choosePurpose = (id: PurposeId): void => {
    if (this.purpose !== id) {
      const previous = purposeById(this.purpose)?.description ?? '';
      if (this.description === '' || this.description === previous) {
        this.description = purposeById(id)?.description ?? '';
      }
      this.acknowledged = false;
    }
    this.purpose = id;
  };

  create = (): Promise<void> => {
    this.#creation ??= this.#create().finally(() => (this.#creation = null));
    return this.#creation;
  };

  #create = async (): Promise<void> => {
    const userName = this.targetUser;
    const description = this.description.trim();
    const answer = await this.creating.run(
      () => this.#api.keys.create(description === '' ? { userName } : { userName, description }),
      { handles: (error) => error.code === 'key-limit' },
    );
    if (!answer.ok) {
      if (answer.error.code === 'key-limit') {
        const existing = answer.error.details?.existingKeys ?? [];
        this.limitKeys.seed(userName, existing);
        if (existing.length === 0) void this.limitKeys.refresh();
        this.step = 'limit';
        this.#announcer.say(`${userName} already has two keys. One must be deleted first.`);
      }
      return;
    }
    // Set before the step appears: it asks for this as it does.
    this.#keepOnArrival = this.forSelf;
    await this.#holding(answer.value, []);
    this.#announcer.say(
      `Key ${shortKeyId(answer.value.accessKeyId)} was created. Now keep it safe.`,
    );
  };

  /** The handle of the held secret, when it may still be shown or kept. */
  get #handle(): string | null {
    return this.open && !this.discarding ? (this.key?.handle ?? null) : null;
  }

  reveal = async (): Promise<void> => {
    const handle = this.#handle;
    if (handle) await this.revealing.run(() => this.#api.keys.reveal({ handle }));
  };

  hide = (): void => {
    this.revealing.value = null;
  };

  copySecret = async (): Promise<void> => {
    const handle = this.#handle;
    if (!handle) return;
    this.revealing.error = null;
    const answer = await call(() => this.#api.keys.copySecret({ handle }));
    if (answer.ok) this.#clipboard.start('new-key-secret', answer.value.clearsInSeconds, 'Secret');
    else this.revealing.error = answer.error;
  };

  /** The generated passphrase unlocks the file: main clears it from the clipboard like a secret. */
  copyPassphrase = async (): Promise<void> => {
    const text = this.savingFile.value?.passphrase;
    if (!text) return;
    this.savingFile.error = null;
    const answer = await call(() => this.#api.clipboard.copySensitive({ text }));
    if (answer.ok) {
      this.#clipboard.start('new-key-passphrase', answer.value.clearsInSeconds, 'Passphrase');
    } else {
      this.savingFile.error = answer.error;
    }
  };

  storeInKeychain = async (): Promise<void> => {
    const handle = this.#handle;
    if (!handle) return;
    const { profileName } = this;
    const answer = await this.storing.run(() =>
      this.#api.keys.storeInKeychain({ handle, profileName }),
    );
    if (!answer.ok) return;
    this.#secured('keychain');
    this.#announcer.say(`Kept in this computer’s keychain as “${answer.value.name}”.`);
    void this.#stored.load();
  };

  /**
   * The "keep it safe" step appeared: the person's own key just created is kept in the keychain
   * at once, under the suggested name (renamed later if they like). Not while the person is
   * leaving: the "leave?" question then offers to keep it, and going back shows how.
   */
  keepOnArrival = async ({ leaving }: { leaving: boolean }): Promise<void> => {
    const keep = this.#keepOnArrival && !leaving && this.securedBy.length === 0;
    this.#keepOnArrival = false;
    if (keep) await this.storeInKeychain();
  };

  /** Gives the key just kept another name. Returns whether it is kept under `to` now. */
  rename = async (to: string): Promise<boolean> => {
    const handle = this.#handle;
    const from = this.storing.value?.name;
    if (!handle || !from) return false;
    const answer = await this.renaming.run(() => this.#api.keys.renameKept({ handle, from, to }));
    if (!answer.ok) return false;
    this.storing.value = answer.value;
    this.profileName = answer.value.name;
    this.#announcer.say(`Renamed: the key is kept as “${answer.value.name}”.`);
    void this.#stored.load();
    return true;
  };

  saveWithPassphrase = async (): Promise<void> => {
    await this.#saveFile(this.savingFile, 'file', { kind: 'passphrase', passphrase: null });
  };

  seal = async (codes: string[]): Promise<void> => {
    await this.#saveFile(this.sealing, 'handoff', { kind: 'recipients', codes });
    if (this.sealing.value) await this.#rememberSealed(codes);
  };

  /**
   * The code a colleague's key was sealed to, for the next look-up to compare: their shared one,
   * or the one code pasted. Not being able to record it changes nothing about the file.
   */
  async #rememberSealed(codes: string[]): Promise<void> {
    const userName = this.key?.userName;
    const shared = this.published.value?.code;
    const code =
      shared !== undefined && codes.includes(shared)
        ? shared
        : codes.length === 1
          ? codes[0]
          : undefined;
    if (userName && code) await call(() => this.#api.directory.remember({ userName, code }));
  }

  async #saveFile(
    task: Task<SavedHandoff | null>,
    by: 'file' | 'handoff',
    lock: { kind: 'passphrase'; passphrase: null } | { kind: 'recipients'; codes: string[] },
  ): Promise<void> {
    const handle = this.#handle;
    if (!handle) return;
    const answer = await task.run(() => this.#api.handoff.save({ handle, lock }));
    if (!answer.ok) return;
    if (answer.value === null) {
      this.#announcer.say('Not saved: the save window was closed.');
      return;
    }
    this.#secured(by);
    this.#announcer.say(
      by === 'file'
        ? 'Encrypted copy saved. Write down its passphrase now.'
        : 'Sealed key file saved. Only your colleague’s computer can open it.',
    );
  }

  #secured(by: SecuredBy): void {
    if (!this.securedBy.includes(by)) this.securedBy = [...this.securedBy, by];
  }

  /** Leaving with the secret kept somewhere: main forgets it. */
  release = async (): Promise<void> => {
    const handle = this.key?.handle;
    if (!handle || !this.open || this.securedBy.length === 0) return;
    this.hide();
    this.#clipboard.stop();
    // A refusal here means main already forgot it (the handle expired): nothing is lost.
    await call(() => this.#api.keys.finish({ handle }));
    this.open = false;
    this.outcome = 'kept';
  };

  /** Leaving with the secret kept nowhere, as the person chose: the useless key is deleted. */
  abandon = async (): Promise<Result<null>> => {
    const handle = this.#handle;
    if (!handle) return { ok: true, value: null };
    this.discarding = true;
    const answer = await call(() => this.#api.keys.finish({ handle, discard: true })).finally(
      () => (this.discarding = false),
    );
    if (!answer.ok) return answer;
    this.hide();
    this.#clipboard.stop();
    this.open = false;
    this.outcome = 'discarded';
    this.#announcer.say(`Key ${shortKeyId(this.key?.accessKeyId ?? '')} was deleted.`);
    return answer;
  };

  showDone = (): void => {
    this.step = 'done';
  };
}

export const [getCreateFlow, setCreateFlow] = createContext<CreateFlow>();
