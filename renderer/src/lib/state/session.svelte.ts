import { createContext } from 'svelte';
import type {
  Identity,
  Permissions,
  SignInChoices,
  SignInSource,
} from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';
import type { Announcer } from './announcer.svelte';

/** Who Keyward is signed in to AWS as, and what that identity may do. */
export class Session {
  identity = $state.raw<Identity | null>(null);
  permissions = $state.raw<Permissions | null>(null);
  permissionsError = $state.raw<BridgeError | null>(null);
  checkingPermissions = $state(false);
  choices = $state.raw<SignInChoices | null>(null);
  choicesError = $state.raw<BridgeError | null>(null);
  signingIn = $state(false);
  error = $state.raw<BridgeError | null>(null);
  /** Set when the chosen AWS profile needs a code from an MFA device. */
  mfa = $state.raw<{ source: SignInSource; serial: string } | null>(null);
  readonly #announcer: Announcer;

  constructor(announcer: Announcer) {
    this.#announcer = announcer;
  }

  readonly accountText = $derived(
    this.identity
      ? this.identity.accountAlias
        ? `${this.identity.accountAlias} (${this.identity.accountId})`
        : this.identity.accountId
      : '',
  );

  readonly whoText = $derived(
    this.identity ? (this.identity.userName ?? roleName(this.identity.arn)) : '',
  );

  /** Whether the signed-in identity may create keys for other people (unknown counts as maybe). */
  readonly mayManageOthers = $derived(
    this.permissions ? this.permissions.others['iam:CreateAccessKey'] !== 'denied' : true,
  );

  restore = async (): Promise<void> => {
    const answer = await call(() => api.auth.whoami());
    if (answer.ok && answer.value) {
      this.identity = answer.value;
      void this.loadPermissions();
    }
  };

  loadChoices = async (): Promise<void> => {
    this.choicesError = null;
    const answer = await call(() => api.auth.choices());
    if (answer.ok) this.choices = answer.value;
    else this.choicesError = answer.error;
  };

  signIn = async (source: SignInSource, mfaCode?: string): Promise<boolean> => {
    this.signingIn = true;
    this.error = null;
    const answer = await call(() =>
      api.auth.signIn(mfaCode === undefined ? { source } : { source, mfaCode }),
    );
    this.signingIn = false;
    if (!answer.ok) {
      if (answer.error.code === 'mfa-required') {
        this.mfa = { source, serial: answer.error.details?.mfaSerial ?? '' };
        this.#announcer.say('This profile needs a code from your MFA device.');
      } else {
        this.error = answer.error;
      }
      return false;
    }
    this.mfa = null;
    this.identity = answer.value;
    this.permissions = null;
    this.#announcer.say(`Signed in as ${this.whoText} in account ${this.accountText}.`);
    void this.loadPermissions();
    return true;
  };

  cancelMfa = (): void => {
    this.mfa = null;
    this.error = null;
  };

  loadPermissions = async (): Promise<void> => {
    this.checkingPermissions = true;
    this.permissionsError = null;
    const answer = await call(() => api.auth.permissions());
    this.checkingPermissions = false;
    if (answer.ok) this.permissions = answer.value;
    else this.permissionsError = answer.error;
  };

  signOut = async (): Promise<void> => {
    await call(() => api.auth.signOut());
    this.identity = null;
    this.permissions = null;
    this.#announcer.say('Signed out of AWS.');
  };
}

function roleName(arn: string): string {
  return /assumed-role\/([^/]+)/.exec(arn)?.[1] ?? arn;
}

export const [getSession, setSession] = createContext<Session>();
