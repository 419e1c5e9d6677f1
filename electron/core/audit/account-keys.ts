import { AppError } from '../errors';
import { loadAws, type AwsSession } from '../aws/aws-session';
import type { SignedIn } from '../aws/session';
import { KeyAdmin, type KeyAdminDeps, type KeyAdminSession } from '../keys/key-admin';

/** A sign-in to one account, used as key administration's session; never the current one's door. */
export type AccountSession = KeyAdminSession & Pick<AwsSession, 'signedIn'>;

/**
 * Another signed-in account's door: calls go with that account's own clients, and History names
 * that account's identity. (The current account's calls go through AwsSession.call, which also
 * learns permissions for its overview; that overview is of the current account only.)
 */
export function accountSession(signedIn: SignedIn): AccountSession {
  return {
    call: async (_action, _target, run) => run(signedIn, await loadAws()),
    whoami: () => signedIn.identity,
    actor: () => signedIn.identity.arn,
    signedIn: () => signedIn,
  };
}

export interface AccountKeysDeps extends Omit<KeyAdminDeps, 'session'> {
  session: AwsSession;
  /** The current account's key administration. */
  current: KeyAdmin;
}

/**
 * Key administration in the account a key belongs to: an audit over several accounts acts on
 * each key in its own account, with that account's sign-in, never by switching the current one
 * and never with the current account's clients. The rules (in use, lock-out), History and the
 * reminders of key administration apply in every account alike.
 */
export class AccountKeys {
  readonly #deps: AccountKeysDeps;

  constructor(deps: AccountKeysDeps) {
    this.#deps = deps;
  }

  /** The sign-in to `accountId` (the current account's when absent). */
  session(accountId?: string): AccountSession {
    const { session } = this.#deps;
    const current = session.whoami()?.accountId;
    if (accountId === undefined || accountId === current) return session;
    const signedIn = session.allSignedIn().find((s) => s.identity.accountId === accountId);
    if (!signedIn) {
      throw new AppError(
        'not-signed-in',
        `Keyward is no longer signed in to AWS account ${accountId}, so it cannot change keys there.`,
        'Sign in to that account again (AWS sign-in, then "Sign in to another account"), then run the audit again.',
      );
    }
    return accountSession(signedIn);
  }

  /** Key administration in `accountId` (the current account's when absent). */
  keyAdmin(accountId?: string): KeyAdmin {
    const session = this.session(accountId);
    if (session === this.#deps.session) return this.#deps.current;
    const { activity, onKeyDeleted, onKeyStopped } = this.#deps;
    return new KeyAdmin({
      session,
      activity,
      onKeyDeleted,
      ...(onKeyStopped && { onKeyStopped }),
    });
  }
}
