import { createContext } from 'svelte';
import type {
  Identity,
  Permissions,
  SignInChoices,
  SignInSource,
} from '../../../../electron/common/domain';
import type { KeywardApi } from '../../../../electron/common/bridge';
import { call } from '../api';
import type { Announcer } from './announcer.svelte';
import { Task } from './task.svelte';

/**
 * Who Keyward is signed in to AWS as, and what that identity may do. An admin may be signed in
 * to several AWS accounts at once (one sign-in each); one is current, and everything the window
 * does goes to that one.
 *
 * Signing out has one path, `signOut`: once main has ended the session, the window forgets it
 * here and runs every reset registered with `onSignOut`. Any state that belongs to a sign-in
 * (people listed, a key being created, an audit) registers one where it is made (app.svelte),
 * so nothing from the last session survives into the next one. Switching to another account
 * runs the same resets, told so (`'switched'`): what was listed belongs to the account it was
 * listed in, unless it names its account on every line (an audit of every account).
 */
/** Why what belonged to a sign-in is being forgotten. */
export type SessionChange = 'signed-out' | 'switched';

export class Session {
  identity = $state.raw<Identity | null>(null);
  /** Every account signed in to, the current one first. */
  accounts = $state.raw<Identity[]>([]);
  /** What the signed-in identity may do, as AWS said (`value`). */
  readonly permissions = new Task<Permissions>();
  /** The ways to sign in this computer offers. */
  readonly choices = new Task<SignInChoices>();
  /** Signing in; `error` says why the last attempt failed. */
  readonly signingIn = new Task<Identity>();
  /** Set when the chosen AWS profile needs a code from an MFA device. */
  mfa = $state.raw<{ source: SignInSource; serial: string } | null>(null);
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;
  #signingOut = false;
  readonly #resets: ((why: SessionChange) => void)[] = [];

  constructor(api: KeywardApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  readonly accountText = $derived(
    this.identity
      ? this.identity.accountAlias
        ? `${this.identity.accountAlias} (${this.identity.accountId})`
        : this.identity.accountId
      : '',
  );

  /** The signed-in accounts other than the current one. */
  readonly otherAccounts = $derived(this.accounts.slice(1));

  readonly whoText = $derived(
    this.identity ? (this.identity.userName ?? roleName(this.identity.arn)) : '',
  );

  /** Whether the signed-in identity may create keys for other people (unknown counts as maybe). */
  readonly mayManageOthers = $derived(
    this.permissions.value
      ? this.permissions.value.others['iam:CreateAccessKey'] !== 'denied'
      : true,
  );

  /** Registers what to forget when the session ends (see the class comment). */
  onSignOut = (reset: (why: SessionChange) => void): void => {
    this.#resets.push(reset);
  };

  restore = async (): Promise<void> => {
    const answer = await call(() => this.#api.auth.whoami());
    if (answer.ok && answer.value) {
      this.identity = answer.value;
      void this.loadPermissions();
      await this.#loadAccounts();
    }
  };

  async #loadAccounts(): Promise<void> {
    const answer = await call(() => this.#api.auth.accounts());
    if (answer.ok) this.accounts = answer.value;
  }

  /** Makes another signed-in account current; what the window listed for the last one goes. */
  switchTo = async (accountId: string): Promise<boolean> => {
    if (accountId === this.identity?.accountId) return true;
    const answer = await call(() => this.#api.auth.switchAccount({ accountId }));
    if (!answer.ok) {
      this.#announcer.say(
        `Could not switch accounts: ${answer.error.message} ${answer.error.hint}`,
      );
      return false;
    }
    this.#nowIn(answer.value, 'switched');
    await this.#loadAccounts();
    this.#announcer.say(`Now working in account ${this.accountText}, as ${this.whoText}.`);
    return true;
  };

  /** Another account became current: forget what belonged to the last one, and learn this one. */
  #nowIn(identity: Identity, why: SessionChange): void {
    this.identity = identity;
    this.permissions.reset();
    for (const reset of this.#resets) reset(why);
    void this.loadPermissions();
  }

  /**
   * Asks main who is signed in now: a rotation of the key the window signs in with moves the
   * session to the new key, or (if that fails) ends it, in whichever account used that key.
   */
  refresh = async (): Promise<void> => {
    const answer = await call(() => this.#api.auth.whoami());
    if (!answer.ok || this.identity === null) return;
    if (answer.value !== null) await this.#loadAccounts();
    if (answer.value !== null && answer.value.accountId !== this.identity.accountId) {
      const left = this.accountText;
      this.#nowIn(answer.value, 'signed-out');
      this.#announcer.say(
        `You were signed out of account ${left}: the key Keyward signed in with was replaced. Still signed in to account ${this.accountText}.`,
      );
    } else if (answer.value === null) {
      this.#ended();
      this.#announcer.say(
        'You were signed out of AWS: the key Keyward signed in with was replaced. Sign in again.',
      );
    } else if (answer.value.accessKeyId !== this.identity.accessKeyId) {
      this.identity = answer.value;
      const source = answer.value.source;
      this.#announcer.say(
        source.kind === 'stored-key'
          ? `Still signed in to AWS as ${this.whoText}, now with the key kept as “${source.profile}”.`
          : `Still signed in to AWS as ${this.whoText}.`,
      );
    }
  };

  loadChoices = async (): Promise<void> => {
    await this.choices.run(() => this.#api.auth.choices());
  };

  signIn = async (source: SignInSource, mfaCode?: string): Promise<boolean> => {
    const answer = await this.signingIn.run(
      () => this.#api.auth.signIn(mfaCode === undefined ? { source } : { source, mfaCode }),
      { handles: (error) => error.code === 'mfa-required' },
    );
    if (!answer.ok) {
      if (answer.error.code === 'mfa-required') {
        this.mfa = { source, serial: answer.error.details?.mfaSerial ?? '' };
        this.#announcer.say('This profile needs a code from your MFA device.');
      }
      return false;
    }
    this.mfa = null;
    const before = this.identity;
    if (before && before.accountId !== answer.value.accountId)
      this.#nowIn(answer.value, 'switched');
    else {
      this.identity = answer.value;
      this.permissions.reset();
      void this.loadPermissions();
    }
    await this.#loadAccounts();
    this.#announcer.say(`Signed in as ${this.whoText} in account ${this.accountText}.`);
    return true;
  };

  cancelMfa = (): void => {
    this.mfa = null;
    this.signingIn.error = null;
  };

  loadPermissions = async (): Promise<void> => {
    await this.permissions.run(() => this.#api.auth.permissions());
  };

  signOut = async (): Promise<void> => {
    if (this.#signingOut) return;
    this.#signingOut = true;
    const answer = await call(() => this.#api.auth.signOut());
    this.#signingOut = false;
    if (!answer.ok) {
      this.#announcer.say(`Could not sign out: ${answer.error.message} ${answer.error.hint}`);
      return;
    }
    const left = this.accountText;
    // Main goes on with another account still signed in to, if any.
    if (answer.value) {
      this.#nowIn(answer.value, 'signed-out');
      await this.#loadAccounts();
      this.#announcer.say(
        `Signed out of account ${left}. Still signed in to account ${this.accountText}.`,
      );
      return;
    }
    this.#ended();
    this.#announcer.say('Signed out of AWS.');
  };

  /** Main has no session any more: forget this one, and everything that belonged to it. */
  #ended(): void {
    this.identity = null;
    this.accounts = [];
    this.permissions.reset();
    this.signingIn.error = null;
    this.mfa = null;
    for (const reset of this.#resets) reset('signed-out');
  }
}

function roleName(arn: string): string {
  return /assumed-role\/([^/]+)/.exec(arn)?.[1] ?? arn;
}

export const [getSession, setSession] = createContext<Session>();
