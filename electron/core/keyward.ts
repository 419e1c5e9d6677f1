import type {
  AccessKeySummary,
  CliRemoveResult,
  Identity,
  KeywardAction,
  LostKey,
  NewKey,
  PendingKeyState,
  Permissions,
  SignInChoices,
  SignInSource,
  StoredKeyCheck,
  StoredProfile,
  UserPage,
} from '../common/domain';
import { inUseReason } from '../common/key-rules';
import { newProfileNamePattern } from '../common/profile-names';
import { ActivityLog } from './activity/activity-log';
import { AuditService } from './audit/audit-service';
import type { SignedIn } from './aws';
import type { AwsFiles } from './aws-config/aws-files';
import type { PermissionTracker } from './aws/permissions';
import { checkDescription } from './aws/description-rules';
import { AppError } from './errors';
import { log, maskKeyId } from './log';
import type { Platform } from './platform';
import { Journal } from './secrets/journal';
import { UnfinishedRotationError } from './rotation/rotation-error';
import { RotationStates } from './rotation/rotation-state';
import { PendingSecrets, storedKeyOf } from './secrets/pending-secrets';
import type { PendingSecret } from './secrets/pending-secrets';
import { SettingsFile } from './settings';
import { ProfileStore, summarize } from './vault/profile-store';
import type { StoredKey } from './vault/profile-store';
import type { SecretStore } from './vault/secret-store';

/** The AWS SDK is loaded on first use, not at start-up. */
const loadAws = () => import('./aws');

/**
 * Keyward's main-process services in one place: the window's handlers and the command line both
 * stand on this, so every rule (journal, confirmations, permissions learned) applies to both.
 */
export class Keyward {
  readonly platform: Platform;
  readonly secretStore: SecretStore;
  readonly profiles: ProfileStore;
  readonly settings: SettingsFile;
  readonly journal: Journal;
  readonly activity: ActivityLog;
  readonly pending = new PendingSecrets();
  readonly audit: AuditService = new AuditService(this);
  #session: { signedIn: SignedIn; permissions: PermissionTracker } | null = null;
  readonly #creating = new Map<string, Promise<NewKey>>();
  /** Secrets put on the clipboard and the timers that will clear them. */
  readonly #clipboardTimers = new Map<NodeJS.Timeout, string>();

  constructor(platform: Platform, secretStore: SecretStore) {
    this.platform = platform;
    this.secretStore = secretStore;
    this.profiles = new ProfileStore(secretStore);
    const dataDir = platform.dataDir();
    this.settings = new SettingsFile(dataDir);
    // A new endpoint or region reaches the signed-in session at once, for every request.
    this.settings.onChange((next) => {
      this.#session?.signedIn.follow(next);
    });
    this.journal = new Journal(dataDir);
    this.activity = new ActivityLog(dataDir);
  }

  // ── Sign-in ────────────────────────────────────────────────────────────────────────────────

  async signInChoices(): Promise<SignInChoices> {
    // The SDK loads while the keychain answers; its list then leaves out kept keys' CLI profiles.
    const aws = loadAws().catch(() => null);
    const storedProfiles = await this.profiles.list();
    const names = storedProfiles.map((profile) => profile.name);
    const awsProfiles = await (await aws)?.listAwsProfiles(names).catch(() => []);
    return { awsProfiles: awsProfiles ?? [], storedProfiles };
  }

  async signIn(source: SignInSource, mfaCode?: string): Promise<Identity> {
    const { region, endpoint } = await this.settings.read();
    const aws = await loadAws();
    const signedIn = await aws.signIn(
      { source, region, endpoint, ...(mfaCode ? { mfaCode } : {}) },
      this.profiles,
    );
    this.signOut();
    this.#session = {
      signedIn,
      permissions: new aws.PermissionTracker(signedIn.identity, signedIn.clients),
    };
    return signedIn.identity;
  }

  signOut(): void {
    // The last audit describes the account signed in before; it must not outlive the session.
    this.audit.clear();
    this.#session?.signedIn.clients.destroy();
    this.#session = null;
  }

  /** The signed-in identity and its AWS clients, for services built on Keyward (audit, rotation). */
  signedIn(): SignedIn {
    return this.#requireSession().signedIn;
  }

  whoami(): Identity | null {
    return this.#session?.signedIn.identity ?? null;
  }

  async permissions(): Promise<Permissions> {
    return this.#requireSession().permissions.refresh();
  }

  // ── Users and keys ─────────────────────────────────────────────────────────────────────────

  async listUsers(options: {
    cursor: string | null;
    filter: string;
    pageSize: number;
  }): Promise<UserPage> {
    const { signedIn } = this.#requireSession();
    return this.#tracked('iam:ListUsers', '*', async () =>
      (await loadAws()).listUsersPage(signedIn.clients, options),
    );
  }

  async listKeys(userName: string): Promise<AccessKeySummary[]> {
    const { signedIn } = this.#requireSession();
    return this.#tracked('iam:ListAccessKeys', userName, async () =>
      (await loadAws()).listAccessKeys(signedIn.clients, userName, signedIn.identity.accessKeyId),
    );
  }

  /**
   * Deactivating the key Keyward signs in with locks Keyward out of AWS: it needs `confirmInUse`
   * (electron/core/aws/access-keys.ts says why).
   */
  async setKeyStatus(
    userName: string,
    accessKeyId: string,
    status: 'Active' | 'Inactive',
    confirmInUse = false,
  ): Promise<void> {
    const { signedIn } = this.#requireSession();
    await this.#tracked('iam:UpdateAccessKey', userName, async () =>
      (await loadAws()).setKeyStatus(signedIn.clients, userName, accessKeyId, status, {
        sessionKeyId: signedIn.identity.accessKeyId,
        lockOutConfirmed: confirmInUse,
      }),
    );
    log('keys', `${status === 'Active' ? 'activate' : 'deactivate'} ${maskKeyId(accessKeyId)} ok`);
    await this.activity.record({
      actor: signedIn.identity.arn,
      action: status === 'Active' ? 'key.activated' : 'key.deactivated',
      userName,
      accessKeyId,
    });
  }

  /**
   * Deleting the key Keyward signs in with, or an active key used in the last week, breaks
   * something that is probably still running: it needs `confirmInUse`.
   */
  async deleteKey(userName: string, accessKeyId: string, confirmInUse: boolean): Promise<void> {
    const { signedIn } = this.#requireSession();
    if (!confirmInUse) {
      const key = (await this.listKeys(userName)).find((k) => k.accessKeyId === accessKeyId);
      if (!key) {
        throw new AppError(
          'not-found',
          `${userName} has no key ${accessKeyId}.`,
          'Refresh the list of keys and try again.',
        );
      }
      // The session's own key has a stricter rule, with its own words: see deleteAccessKey.
      const reason = key.signedInKey ? null : inUseReason(key);
      if (reason) {
        throw new AppError(
          'confirmation-required',
          `${reason} Deleting it will stop whatever uses it, and cannot be undone.`,
          'If you are sure, confirm the deletion. Otherwise deactivate it first and wait to see whether anything breaks.',
        );
      }
    }
    await this.#tracked('iam:DeleteAccessKey', userName, async () =>
      (await loadAws()).deleteAccessKey(signedIn.clients, userName, accessKeyId, {
        sessionKeyId: signedIn.identity.accessKeyId,
        lockOutConfirmed: confirmInUse,
      }),
    );
    log('keys', `delete ${maskKeyId(accessKeyId)} ok`);
    await this.activity.record({
      actor: signedIn.identity.arn,
      action: 'key.deleted',
      userName,
      accessKeyId,
    });
    for (const lost of await this.journal.openEntries(this.pending.journalIds())) {
      if (lost.accessKeyId === accessKeyId) await this.journal.close(lost.journalId, 'deleted');
    }
  }

  async describeKey(userName: string, accessKeyId: string, description: string): Promise<void> {
    const { signedIn } = this.#requireSession();
    checkDescription(description);
    await this.#tracked('iam:TagUser', userName, async () =>
      (await loadAws()).writeDescription(signedIn.clients, userName, accessKeyId, description),
    );
    await this.activity.record({
      actor: signedIn.identity.arn,
      action: 'key.described',
      userName,
      accessKeyId,
    });
  }

  // ── Creating a key: the life of a secret ───────────────────────────────────────────────────

  /** A double click must not make two keys: concurrent requests for one user share one create. */
  createKey(userName: string, description: string | null): Promise<NewKey> {
    const inFlight = this.#creating.get(userName);
    if (inFlight) return inFlight;
    const creation = this.#createKey(userName, description).finally(() =>
      this.#creating.delete(userName),
    );
    this.#creating.set(userName, creation);
    return creation;
  }

  async #createKey(userName: string, description: string | null): Promise<NewKey> {
    const { signedIn } = this.#requireSession();
    if (description) checkDescription(description);
    const pending = await this.#tracked('iam:CreateAccessKey', userName, async () =>
      (await loadAws()).createAccessKey(
        {
          clients: signedIn.clients,
          journal: this.journal,
          pending: this.pending,
          activity: this.activity,
          actor: signedIn.identity.arn,
          accountId: signedIn.identity.accountId,
          signedInKeyId: signedIn.identity.accessKeyId,
        },
        userName,
        description,
      ),
    );
    return newKeyOf(pending);
  }

  async revealSecret(handle: string): Promise<string> {
    const pending = this.pending.get(handle);
    await this.#record(pending, 'key.secret-shown');
    return pending.secretAccessKey;
  }

  /** Main writes the clipboard and clears it later, but only if it still holds this secret. */
  async copySecret(handle: string): Promise<{ clearsInSeconds: number }> {
    const pending = this.pending.get(handle);
    const copied = await this.copyToClipboardBriefly(pending.secretAccessKey);
    await this.#record(pending, 'key.secret-copied');
    return copied;
  }

  async copyToClipboardBriefly(secret: string): Promise<{ clearsInSeconds: number }> {
    const { clipboardSeconds } = await this.settings.read();
    await this.platform.writeClipboard(secret);
    const timer = setTimeout(() => {
      this.#clipboardTimers.delete(timer);
      void this.#clearClipboardIfHolding(secret);
    }, clipboardSeconds * 1000);
    timer.unref();
    this.#clipboardTimers.set(timer, secret);
    return { clearsInSeconds: clipboardSeconds };
  }

  async #clearClipboardIfHolding(secret: string): Promise<void> {
    try {
      if ((await this.platform.readClipboard()) === secret) await this.platform.writeClipboard('');
    } catch {
      log('clipboard', 'could not clear the clipboard');
    }
  }

  async storeInKeychain(handle: string, profileName: string): Promise<StoredProfile> {
    const pending = this.pending.get(handle);
    await this.profiles.requireFree(profileName, pending.accessKeyId);
    const key = storedKeyOf(pending);
    await this.profiles.put(profileName, key);
    await this.markSecured(pending, 'keychain');
    await this.#record(pending, 'key.stored', profileName);
    return summarize(profileName, key);
  }

  /** The first way a secret is secured closes its journal entry: it can no longer be lost. */
  async markSecured(pending: PendingSecret, by: 'keychain' | 'file' | 'handoff'): Promise<void> {
    if (this.pending.markSecured(pending.handle, by))
      await this.journal.close(pending.journalId, 'secured');
  }

  /**
   * Forgets a secret. Refused while nothing has secured it, unless `discard`, which also deletes
   * the key in AWS: a key nobody holds the secret of is only a liability.
   */
  async finish(handle: string, discard: boolean): Promise<void> {
    const pending = this.pending.get(handle);
    if (pending.securedBy.size === 0) {
      if (!discard) {
        throw new AppError(
          'secret-not-secured',
          'This key’s secret has not been saved anywhere yet, and AWS will never show it again.',
          'Keep it in this computer’s keychain or save an encrypted copy first. Or choose "Discard" to delete the key.',
        );
      }
      const { signedIn } = this.#requireSession();
      await (
        await loadAws()
      ).deleteAccessKey(signedIn.clients, pending.userName, pending.accessKeyId, {
        sessionKeyId: signedIn.identity.accessKeyId,
        lockOutConfirmed: false,
      });
      await this.journal.close(pending.journalId, 'deleted');
      await this.#record(pending, 'key.discarded');
    }
    this.pending.forget(handle);
  }

  pendingKeys(): PendingKeyState[] {
    return this.pending.list();
  }

  /**
   * The new keys held, once any creation still in flight has ended. A window reloaded while
   * "Create the key" ran asks at once, before AWS has made the key; answering then would leave
   * the secret held where the page never offers it. Bounded by those creations, which end either
   * way (made, or failed): a failure is the creating page's to report, not this answer's.
   */
  async pendingKeysSettled(): Promise<PendingKeyState[]> {
    await Promise.allSettled(this.#creating.values());
    return this.pendingKeys();
  }

  // ── Lost keys (journal entries left open by a crash) ─────────────────────────────────────────

  lostKeys(): Promise<LostKey[]> {
    return this.journal.openEntries(this.pending.journalIds());
  }

  async resolveLostKey(
    journalId: string,
    action: 'delete' | 'deactivate' | 'dismiss',
  ): Promise<void> {
    const lost = (await this.lostKeys()).find((entry) => entry.journalId === journalId);
    if (!lost)
      throw new AppError(
        'not-found',
        'That unsaved key was already dealt with.',
        'Nothing more to do.',
      );
    if (action !== 'dismiss') {
      if (!lost.accessKeyId) {
        throw new AppError(
          'not-found',
          `Keyward never learned the id of the key it was creating for ${lost.userName}.`,
          `Open ${lost.userName}’s keys and delete any key you did not expect, then dismiss this notice.`,
        );
      }
      if (action === 'delete') await this.deleteKey(lost.userName, lost.accessKeyId, true);
      else await this.setKeyStatus(lost.userName, lost.accessKeyId, 'Inactive');
    }
    await this.journal.close(journalId, action === 'delete' ? 'deleted' : 'dismissed');
  }

  // ── Keys stored on this device ─────────────────────────────────────────────────────────────

  listStoredProfiles(): Promise<StoredProfile[]> {
    return this.profiles.list();
  }

  async copyStoredSecret(name: string): Promise<{ clearsInSeconds: number }> {
    const key = await this.profiles.require(name);
    const copied = await this.copyToClipboardBriefly(key.secretAccessKey);
    await this.activity.record({
      actor: 'this device',
      action: 'key.secret-copied',
      userName: key.userName,
      accessKeyId: key.accessKeyId,
    });
    return copied;
  }

  async checkStoredProfile(name: string): Promise<StoredKeyCheck> {
    const key = await this.profiles.require(name);
    const { region, endpoint } = await this.settings.read();
    return (await loadAws()).checkStoredKey(name, key, { region, endpoint });
  }

  /** The kept key, if it may be removed now (asked first, so a door does not confirm in vain). */
  async removableProfile(name: string): Promise<StoredKey> {
    return (await this.#removable(name)).key;
  }

  /** The kept key and its rotation record (a retired key's, at most), read once. */
  async #removable(name: string) {
    const key = await this.profiles.require(name);
    const rotations = new RotationStates(this.platform.dataDir());
    const rotation = await rotations.read(name);
    if (rotation?.phase === 'in-progress') throw new UnfinishedRotationError(rotation, 'remove');
    return { key, rotations, rotation };
  }

  /**
   * Removes a kept key from this computer, for the window and the command line alike: refused
   * while a rotation of it is unfinished (the rotation needs it); its AWS command line set-up goes
   * too (`aws --profile NAME` would otherwise fail), and so does the record of a retired old key.
   */
  async removeStoredProfile(
    name: string,
    options: { files?: AwsFiles } = {},
  ): Promise<{ awsCli: CliRemoveResult | null }> {
    const { key, rotations, rotation } = await this.#removable(name);
    // FIXME: a key kept before the no-leading-dash rule may have one in its name, which the
    // config file code refuses to touch: the key goes, a set-up it may have stays.
    const awsCli = newProfileNamePattern.test(name)
      ? await (await import('./aws-config')).removeCliProfile(name, options)
      : null;
    await this.profiles.remove(name);
    if (rotation) await rotations.remove(name);
    await this.activity.record({
      actor: 'this device',
      action: 'key.removed-from-device',
      userName: key.userName,
      accessKeyId: key.accessKeyId,
    });
    return { awsCli };
  }

  /** Quitting clears a secret still on the clipboard instead of leaving it behind. */
  async shutdown(): Promise<void> {
    for (const [timer, secret] of this.#clipboardTimers) {
      clearTimeout(timer);
      await this.#clearClipboardIfHolding(secret);
    }
    this.#clipboardTimers.clear();
    this.signOut();
  }

  #requireSession(): { signedIn: SignedIn; permissions: PermissionTracker } {
    if (!this.#session) {
      throw new AppError(
        'not-signed-in',
        'You are not signed in to AWS yet.',
        'Sign in with your AWS profile or a stored key first.',
      );
    }
    return this.#session;
  }

  /** Runs an IAM action and remembers whether AWS allowed it, for the permission overview. */
  async #tracked<T>(action: KeywardAction, target: string, run: () => Promise<T>): Promise<T> {
    const session = this.#requireSession();
    const targetUser = target === '*' ? 'keyward-any-other-user' : target;
    try {
      const result = await run();
      session.permissions.observe(action, targetUser, 'allowed');
      return result;
    } catch (error) {
      if (error instanceof AppError && error.code === 'access-denied') {
        session.permissions.observe(action, targetUser, 'denied');
      }
      throw error;
    }
  }

  async #record(
    pending: PendingSecret,
    action: Parameters<ActivityLog['record']>[0]['action'],
    detail?: string,
  ) {
    await this.activity.record({
      actor: this.#session?.signedIn.identity.arn ?? 'this device',
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
