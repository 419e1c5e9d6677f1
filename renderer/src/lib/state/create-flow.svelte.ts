import { createContext } from 'svelte';
import type {
  NewKey,
  SavedHandoff,
  SecuredBy,
  StoredProfile,
} from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';
import { shortKeyId } from '../format';
import type { PurposeId } from '../purposes';
import { purposeById } from '../purposes';
import { freeProfileName } from '../rules';
import type { Announcer } from './announcer.svelte';
import type { ClipboardTimer } from './clipboard-timer.svelte';
import type { LeaveGuard, ScreenName } from './navigation.svelte';
import type { Session } from './session.svelte';
import type { StoredKeys } from './stored-keys.svelte';
import { UserKeys } from './user-keys.svelte';

export type CreateStep = 'whose' | 'purpose' | 'describe' | 'limit' | 'secure' | 'done';
export type Whose = 'self' | 'colleague';

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
  creating = $state(false);
  error = $state.raw<BridgeError | null>(null);

  key = $state.raw<NewKey | null>(null);
  /** The secret is still held in main behind the handle. */
  open = $state(false);
  /** The person chose to delete the key, and AWS is deleting it: nothing may keep it now. */
  discarding = $state(false);
  securedBy = $state.raw<SecuredBy[]>([]);
  secret = $state<string | null>(null);
  revealing = $state(false);
  revealError = $state.raw<BridgeError | null>(null);

  profileName = $state('');
  storing = $state(false);
  storeError = $state.raw<BridgeError | null>(null);
  stored = $state.raw<StoredProfile | null>(null);

  savingFile = $state(false);
  fileError = $state.raw<BridgeError | null>(null);
  savedFile = $state.raw<SavedHandoff | null>(null);

  codesText = $state('');
  sealing = $state(false);
  sealError = $state.raw<BridgeError | null>(null);
  sealedFile = $state.raw<SavedHandoff | null>(null);

  outcome = $state<'kept' | 'discarded' | null>(null);
  /** Set by begin(); the create screen starts afresh on arrival unless a flow was just prepared. */
  prepared = false;
  /** Leaving is guarded here: the create screen is where a new key's secret can be kept. */
  readonly home: ScreenName = 'create';
  #creation: Promise<void> | null = null;

  /** The two keys already there when AWS refused a third. */
  readonly limitKeys: UserKeys;
  readonly #session: Session;
  readonly #stored: StoredKeys;
  readonly #announcer: Announcer;
  readonly #clipboard: ClipboardTimer;

  constructor(
    session: Session,
    stored: StoredKeys,
    announcer: Announcer,
    clipboard: ClipboardTimer,
  ) {
    this.#session = session;
    this.#stored = stored;
    this.#announcer = announcer;
    this.#clipboard = clipboard;
    // Deactivating or deleting the key Keyward is signed in with (after the person agreed to the
    // lock-out) ends the sign-in: it could not work any more.
    this.limitKeys = new UserKeys(announcer, () => session.signOut());
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

  readonly blocked = $derived(this.open && this.securedBy.length === 0);

  /** "Create the key" is under way: it may yet leave a secret to keep. */
  get settling(): boolean {
    return this.creating;
  }

  settled = async (): Promise<void> => {
    await this.#creation;
  };

  /** Arriving at the create screen keeps a flow that holds, or is about to hold, a new key. */
  get holdsKey(): boolean {
    return this.open || this.creating;
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
    this.error = null;
    this.key = null;
    this.open = false;
    this.securedBy = [];
    this.secret = null;
    this.revealError = null;
    this.stored = null;
    this.storeError = null;
    this.savedFile = null;
    this.fileError = null;
    this.sealedFile = null;
    this.sealError = null;
    this.codesText = '';
    this.outcome = null;
    this.prepared = true;
  };

  /**
   * A new key main still holds from before a reload of the window: back to its "keep it safe"
   * step, so the secret is never left unreachable. Returns whether there was one.
   */
  resumeHeld = async (): Promise<boolean> => {
    const answer = await call(() => api.keys.pending());
    const held = answer.ok ? answer.value.find((key) => key.securedBy.length === 0) : undefined;
    if (!held) return false;
    this.begin({ forUser: held.userName });
    const { securedBy, ...key } = held;
    this.key = key;
    this.open = true;
    this.securedBy = securedBy;
    await this.#stored.load();
    const base = this.forSelf ? (this.#session.identity?.accountAlias ?? 'work') : held.userName;
    this.profileName = freeProfileName(base, this.#stored.names);
    this.step = 'secure';
    this.#announcer.say(
      `Key ${shortKeyId(held.accessKeyId)} is not kept anywhere yet. Keep it safe now.`,
    );
    return true;
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
    this.creating = true;
    this.error = null;
    const answer = await call(() =>
      api.keys.create(description === '' ? { userName } : { userName, description }),
    );
    this.creating = false;
    if (!answer.ok) {
      if (answer.error.code === 'key-limit') {
        this.limitKeys.seed(userName, answer.error.details?.existingKeys ?? []);
        if ((answer.error.details?.existingKeys ?? []).length === 0) void this.limitKeys.refresh();
        this.step = 'limit';
        this.#announcer.say(`${userName} already has two keys. One must be deleted first.`);
        return;
      }
      this.error = answer.error;
      return;
    }
    this.key = answer.value;
    this.open = true;
    this.securedBy = [];
    await this.#stored.load();
    const base = this.forSelf ? (this.#session.identity?.accountAlias ?? 'work') : userName;
    this.profileName = freeProfileName(base, this.#stored.names);
    this.step = 'secure';
    this.#announcer.say(
      `Key ${shortKeyId(answer.value.accessKeyId)} was created. Now keep it safe.`,
    );
  };

  reveal = async (): Promise<void> => {
    const handle = this.key?.handle;
    if (!handle || !this.#usable) return;
    this.revealing = true;
    this.revealError = null;
    const answer = await call(() => api.keys.reveal({ handle }));
    this.revealing = false;
    if (answer.ok) this.secret = answer.value.secretAccessKey;
    else this.revealError = answer.error;
  };

  hide = (): void => {
    this.secret = null;
  };

  copySecret = async (): Promise<void> => {
    const handle = this.key?.handle;
    if (!handle || !this.#usable) return;
    this.revealError = null;
    const answer = await call(() => api.keys.copySecret({ handle }));
    if (answer.ok) this.#clipboard.start('new-key-secret', answer.value.clearsInSeconds, 'Secret');
    else this.revealError = answer.error;
  };

  /** The generated passphrase unlocks the file: main clears it from the clipboard like a secret. */
  copyPassphrase = async (): Promise<void> => {
    const text = this.savedFile?.passphrase;
    if (!text) return;
    this.fileError = null;
    const answer = await call(() => api.clipboard.copySensitive({ text }));
    if (answer.ok) {
      this.#clipboard.start('new-key-passphrase', answer.value.clearsInSeconds, 'Passphrase');
    } else {
      this.fileError = answer.error;
    }
  };

  storeInKeychain = async (): Promise<void> => {
    const handle = this.key?.handle;
    if (!handle || !this.#usable) return;
    this.storing = true;
    this.storeError = null;
    const answer = await call(() =>
      api.keys.storeInKeychain({ handle, profileName: this.profileName }),
    );
    this.storing = false;
    if (!answer.ok) {
      this.storeError = answer.error;
      return;
    }
    this.stored = answer.value;
    this.#secured('keychain');
    this.#announcer.say(`Kept in this computer’s keychain as “${answer.value.name}”.`);
    void this.#stored.load();
  };

  saveWithPassphrase = async (): Promise<void> => {
    const handle = this.key?.handle;
    if (!handle || !this.#usable) return;
    this.savingFile = true;
    this.fileError = null;
    const answer = await call(() =>
      api.handoff.save({ handle, lock: { kind: 'passphrase', passphrase: null } }),
    );
    this.savingFile = false;
    if (!answer.ok) {
      this.fileError = answer.error;
      return;
    }
    if (answer.value === null) {
      this.#announcer.say('Not saved: the save window was closed.');
      return;
    }
    this.savedFile = answer.value;
    this.#secured('file');
    this.#announcer.say('Encrypted copy saved. Write down its passphrase now.');
  };

  seal = async (codes: string[]): Promise<void> => {
    const handle = this.key?.handle;
    if (!handle || !this.#usable) return;
    this.sealing = true;
    this.sealError = null;
    const answer = await call(() =>
      api.handoff.save({ handle, lock: { kind: 'recipients', codes } }),
    );
    this.sealing = false;
    if (!answer.ok) {
      this.sealError = answer.error;
      return;
    }
    if (answer.value === null) {
      this.#announcer.say('Not saved: the save window was closed.');
      return;
    }
    this.sealedFile = answer.value;
    this.#secured('handoff');
    this.#announcer.say('Sealed key file saved. Only your colleague’s computer can open it.');
  };

  #secured(by: SecuredBy): void {
    if (!this.securedBy.includes(by)) this.securedBy = [...this.securedBy, by];
  }

  /** Leaving with the secret kept somewhere: main forgets it. */
  release = async (): Promise<void> => {
    const handle = this.key?.handle;
    if (!handle || !this.open || this.securedBy.length === 0) return;
    this.secret = null;
    this.#clipboard.stop();
    // A refusal here means main already forgot it (the handle expired): nothing is lost.
    await call(() => api.keys.finish({ handle }));
    this.open = false;
    this.outcome = 'kept';
  };

  /** The secret is held and no deletion of the key is under way: it can be shown or kept. */
  get #usable(): boolean {
    return this.open && !this.discarding;
  }

  /** Leaving with the secret kept nowhere, as the person chose: the useless key is deleted. */
  abandon = async (): Promise<BridgeError | null> => {
    const handle = this.key?.handle;
    if (!handle || !this.#usable) return null;
    this.discarding = true;
    const answer = await call(() => api.keys.finish({ handle, discard: true })).finally(
      () => (this.discarding = false),
    );
    if (!answer.ok) return answer.error;
    this.secret = null;
    this.#clipboard.stop();
    this.open = false;
    this.outcome = 'discarded';
    this.#announcer.say(`Key ${shortKeyId(this.key?.accessKeyId ?? '')} was deleted.`);
    return null;
  };

  showDone = (): void => {
    this.step = 'done';
  };
}

export const [getCreateFlow, setCreateFlow] = createContext<CreateFlow>();
