import type { NewKey, PendingKeyState, StoredProfile } from '../../common/domain';
import type { ActivityLog } from '../activity/activity-log';
import type { AwsSession } from '../aws/aws-session';
import { checkDescription } from '../aws/description-rules';
import type { SecretClipboard } from '../clipboard/secret-clipboard';
import { AppError } from '../errors';
import { log, maskKeyId } from '../log';
import type { ProfileStore } from '../vault/profile-store';
import { summarize } from '../vault/profile-store';
import type { Journal } from './journal';
import { storedKeyOf } from './pending-secrets';
import type { PendingSecret, PendingSecrets } from './pending-secrets';

export interface NewKeysDeps {
  session: AwsSession;
  journal: Journal;
  pending: PendingSecrets;
  activity: ActivityLog;
  profiles: ProfileStore;
  clipboard: Pick<SecretClipboard, 'copySensitive'>;
}

type ActivityAction = Parameters<ActivityLog['record']>[0]['action'];

/**
 * The life of a new secret (DESIGN.md): born from CreateAccessKey with a journal entry, held in
 * memory behind a handle, secured (keychain, encrypted file, hand-off), then forgotten.
 */
export class NewKeys {
  readonly #deps: NewKeysDeps;
  readonly #creating = new Map<string, Promise<NewKey>>();

  constructor(deps: NewKeysDeps) {
    this.#deps = deps;
  }

  /**
   * A double click must not make two keys: concurrent requests for one user share one create.
   * `quickLimitCheck`: see CreateKeyDeps (a batch of many people).
   */
  create(
    userName: string,
    description: string | null,
    options: { quickLimitCheck?: boolean } = {},
  ): Promise<NewKey> {
    const inFlight = this.#creating.get(userName);
    if (inFlight) return inFlight;
    const creation = this.#create(userName, description, options).finally(() =>
      this.#creating.delete(userName),
    );
    this.#creating.set(userName, creation);
    return creation;
  }

  async #create(
    userName: string,
    description: string | null,
    options: { quickLimitCheck?: boolean },
  ): Promise<NewKey> {
    const { session, journal, pending, activity } = this.#deps;
    if (description) checkDescription(description);
    const made = await session.call('iam:CreateAccessKey', userName, ({ clients, identity }, aws) =>
      aws.createAccessKey(
        {
          clients,
          journal,
          pending,
          activity,
          actor: identity.arn,
          accountId: identity.accountId,
          signedInKeyId: identity.accessKeyId,
          ...(options.quickLimitCheck ? { quickLimitCheck: true } : {}),
        },
        userName,
        description,
      ),
    );
    return newKeyOf(made);
  }

  /** The held secret behind a handle (for hand-off and rotation, which secure it their way). */
  get(handle: string): PendingSecret {
    return this.#deps.pending.get(handle);
  }

  /**
   * A held secret, to show or copy: only to the sign-in that created it. (Signing out drops them,
   * see `dropHeldBy`; this also stops a page of another sign-in asking in between.)
   */
  #owned(handle: string): PendingSecret {
    const pending = this.get(handle);
    if (pending.ownerArn !== this.#deps.session.whoami()?.arn) {
      throw new AppError(
        'secret-gone',
        'This key’s secret belongs to another AWS sign-in, so Keyward will not show it here.',
        'Sign in again as the person who created the key to keep it, or create a new key.',
      );
    }
    return pending;
  }

  async reveal(handle: string): Promise<string> {
    const pending = this.#owned(handle);
    await this.#record(pending, 'key.secret-shown');
    return pending.secretAccessKey;
  }

  /** Main writes the clipboard and clears it later, but only if it still holds this secret. */
  async copy(handle: string): Promise<{ clearsInSeconds: number }> {
    const pending = this.#owned(handle);
    const copied = await this.#deps.clipboard.copySensitive(pending.secretAccessKey);
    await this.#record(pending, 'key.secret-copied');
    return copied;
  }

  /** Keeps the new key in this computer's keychain under `profileName`. */
  async keep(handle: string, profileName: string): Promise<StoredProfile> {
    const { profiles } = this.#deps;
    const pending = this.get(handle);
    const key = storedKeyOf(pending);
    // Refused when the name is taken, even by a store a moment ago in another Keyward process:
    // the secret then stays held and its journal entry open, for another name or another way.
    await profiles.keepNew(profileName, key);
    await this.markSecured(pending, 'keychain');
    await this.#record(pending, 'key.stored', profileName);
    return summarize(profileName, key);
  }

  /**
   * Keeps the new key in this computer's keychain only when it is the signed-in person's own. A
   * colleague's key is for their computer: kept on the admin's, it would be a copy of someone
   * else's key nobody looks after. The window's door uses this; the command line's `--store` is
   * an explicit choice of whoever runs it (a service user's key for this machine) and uses `keep`.
   */
  async keepOwn(handle: string, profileName: string): Promise<StoredProfile> {
    const pending = this.#owned(handle);
    const signedInAs = this.#deps.session.whoami()?.userName ?? null;
    if (pending.userName !== signedInAs) {
      throw new AppError(
        'access-denied',
        `This new key belongs to ${pending.userName}, so Keyward does not keep it on this computer.`,
        `Save it as a key file for ${pending.userName} instead: with their receiving code, or with a passphrase.`,
      );
    }
    return this.keep(handle, profileName);
  }

  /**
   * Gives the new key just kept (as `from`) another name: the one copy moves, so a second copy
   * never outlives a replacement. Only the new key itself moves, never another kept key.
   */
  async renameKept(handle: string, from: string, to: string): Promise<StoredProfile> {
    const { profiles } = this.#deps;
    const pending = this.#owned(handle);
    const key = await profiles.exclusively(async () => {
      const kept = await profiles.get(from);
      if (kept?.accessKeyId !== pending.accessKeyId) {
        throw new AppError(
          'not-found',
          `The new key is not kept as “${from}” any more.`,
          'Look in My keys for the name it is kept under.',
        );
      }
      if (from === to) return kept;
      await profiles.requireFree(to);
      await profiles.put(to, kept);
      await profiles.remove(from);
      return kept;
    });
    await this.#record(pending, 'key.stored', to);
    return summarize(to, key);
  }

  /** The first way a secret is secured closes its journal entry: it can no longer be lost. */
  async markSecured(pending: PendingSecret, by: 'keychain' | 'file' | 'handoff'): Promise<void> {
    if (this.#deps.pending.markSecured(pending.handle, by))
      await this.#deps.journal.close(pending.journalId, 'secured');
  }

  /**
   * Forgets a secret. Refused while nothing has secured it, unless `discard`, which also deletes
   * the key in AWS: a key nobody holds the secret of is only a liability.
   */
  async finish(handle: string, discard: boolean): Promise<void> {
    const pending = this.get(handle);
    if (pending.securedBy.size === 0) {
      if (!discard) {
        throw new AppError(
          'secret-not-secured',
          'This key’s secret has not been saved anywhere yet, and AWS will never show it again.',
          'Keep it in this computer’s keychain or save an encrypted copy first. Or choose "Discard" to delete the key.',
        );
      }
      await this.#deps.session.call(
        'iam:DeleteAccessKey',
        pending.userName,
        ({ clients, identity }, aws) =>
          aws.deleteAccessKey(clients, pending.userName, pending.accessKeyId, {
            sessionKeyId: identity.accessKeyId,
            lockOutConfirmed: false,
          }),
      );
      await this.#deps.journal.close(pending.journalId, 'deleted');
      await this.#record(pending, 'key.discarded');
    }
    this.#deps.pending.forget(handle);
  }

  /**
   * A sign-in ended: the secrets it created go. One secured somewhere is simply forgotten; one
   * kept nowhere leaves its journal entry open, so the lost-key reminder offers to delete the
   * key (its secret can never be shown again). The window offers to keep each before signing out.
   */
  async dropHeldBy(ownerArn: string): Promise<void> {
    const { pending, activity } = this.#deps;
    // All go at once, before anything is awaited: the next question finds none of them.
    const dropped = pending.ownedBy(ownerArn);
    for (const held of dropped) pending.forget(held.handle);
    for (const held of dropped.filter((key) => key.securedBy.size === 0)) {
      log('keys', `dropped ${maskKeyId(held.accessKeyId)} unsaved at sign-out`);
      await activity.record({
        actor: ownerArn,
        action: 'key.lost',
        userName: held.userName,
        accessKeyId: held.accessKeyId,
      });
    }
  }

  /** A secret is held that nothing has secured yet (quitting would lose it). */
  hasUnsecured(): boolean {
    return this.#deps.pending.hasUnsecured();
  }

  /** The new keys held now (never their secrets). */
  held(): PendingKeyState[] {
    return this.#deps.pending.list();
  }

  /**
   * The new keys held, once any creation still in flight has ended. A window reloaded while
   * "Create the key" ran asks at once, before AWS has made the key; answering then would leave
   * the secret held where the page never offers it. Bounded by those creations, which end either
   * way (made, or failed): a failure is the creating page's to report, not this answer's.
   */
  async heldSettled(): Promise<PendingKeyState[]> {
    await Promise.allSettled(this.#creating.values());
    return this.held();
  }

  async #record(pending: PendingSecret, action: ActivityAction, detail?: string) {
    await this.#deps.activity.record({
      actor: this.#deps.session.actor(),
      action,
      userName: pending.userName,
      accessKeyId: pending.accessKeyId,
      ...(detail ? { detail } : {}),
    });
  }
}

function newKeyOf(pending: PendingSecret): NewKey {
  return {
    handle: pending.handle,
    accessKeyId: pending.accessKeyId,
    userName: pending.userName,
    accountId: pending.accountId,
    created: pending.created,
    description: pending.description,
  };
}
