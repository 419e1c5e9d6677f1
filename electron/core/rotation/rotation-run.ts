import type { AccessKeySummary } from '../../common/domain';
import type { ActivityLog } from '../activity/activity-log';
import type { AwsPlace } from '../aws/aws-clients';
import type { AwsSession } from '../aws/aws-session';
import { AppError } from '../errors';
import type { KeyAdmin } from '../keys/key-admin';
import { describeError, log, maskKeyId } from '../log';
import type { LostKeys } from '../secrets/lost-keys';
import type { NewKeys } from '../secrets/new-keys';
import type { ProfileStore, StoredKey } from '../vault/profile-store';
import type { RotationKeyState } from './rotation-error';
import type { RotationInProgress, RotationStates, RotationStep } from './rotation-state';
import type { SpareKeys } from './spare-keys';

export interface RotationProgress {
  profile: string;
  /** The step whose effect has just happened (it may not be recorded yet). */
  step: RotationStep | 'reactivate' | 'restore' | 'delete-new';
}

/**
 * The window's sign-ins (one per AWS account), of which the one with the key this rotation swaps
 * follows the profile, without changing which account is current.
 */
export type FollowingSession = Pick<AwsSession, 'accounts' | 'signInAgain' | 'signOutOf'>;

/**
 * A session of the rotation's own, signed in with the key being rotated, so the window's sign-in
 * (an admin's, say) is never silently replaced by that key's. `close` signs it out.
 */
export interface RotationSession {
  session: Pick<AwsSession, 'signIn' | 'whoami'>;
  keyAdmin: Pick<KeyAdmin, 'listKeys' | 'deleteKey' | 'setKeyStatus'>;
  newKeys: Pick<NewKeys, 'create' | 'get' | 'held' | 'markSecured' | 'finish'>;
  lostKeys: Pick<LostKeys, 'list' | 'settle'>;
  close(): void;
}

/** What a rotation stands on; built once by createCore. */
export interface RotationDeps {
  profiles: ProfileStore;
  states: RotationStates;
  spares: SpareKeys;
  activity: Pick<ActivityLog, 'record'>;
  place: () => Promise<AwsPlace>;
  /** A new, signed-out session for one run. */
  openSession: () => RotationSession;
  /**
   * The window's session. An account signed in with the key the profile stops using moves to the
   * key the profile uses now (or, failing that, is signed out), current or not: it must never stay
   * signed in with a key that is about to be turned off.
   */
  windowSession?: FollowingSession;
  /** How long a new key may take to be accepted everywhere (IAM is eventually consistent). */
  provePatienceMs: number;
}

/**
 * One rotation, resumption or roll-back of one profile: its session, and what AWS last said
 * about each key (to describe where things stand if it stops). It lives only as long as the run.
 */
export class RotationRun {
  readonly deps: RotationDeps;
  readonly aws: RotationSession;
  /** The last status AWS reported (or Keyward set) for each key, for describing a stop. */
  readonly statuses = new Map<string, RotationKeyState['status']>();

  readonly #onProgress: ((event: RotationProgress) => void | Promise<void>) | undefined;

  constructor(
    deps: RotationDeps,
    aws: RotationSession,
    onProgress?: (event: RotationProgress) => void | Promise<void>,
  ) {
    this.deps = deps;
    this.aws = aws;
    this.#onProgress = onProgress;
  }

  /** Told after each step (the command line prints it; tests stop at any point with it). */
  async progress(profile: string, step: RotationProgress['step']): Promise<void> {
    await this.#onProgress?.({ profile, step });
  }

  /** Records the step reached, after telling whoever follows progress. */
  async reached(state: RotationInProgress, step: RotationStep): Promise<void> {
    await this.progress(state.profile, step);
    state.step = step;
    await this.deps.states.write(state);
  }

  /**
   * Signs in with the profile's own key, which must belong to an IAM user. Already signed in with
   * that very key (`keyId`), the session is kept rather than proven again.
   */
  async signIn(profile: string, keyId?: string): Promise<string> {
    const current = this.aws.session.whoami();
    if (
      keyId !== undefined &&
      current?.userName &&
      current.accessKeyId === keyId &&
      current.source.kind === 'stored-key' &&
      current.source.profile === profile
    ) {
      return current.userName;
    }
    const identity = await this.aws.session.signIn({ kind: 'stored-key', profile });
    if (!identity.userName) {
      throw new AppError(
        'invalid-input',
        'Only an IAM user’s access key can be rotated.',
        'Sign in to AWS as an IAM user, or rotate the key in the AWS console.',
      );
    }
    return identity.userName;
  }

  async listKeys(userName: string): Promise<AccessKeySummary[]> {
    const keys = await this.aws.keyAdmin.listKeys(userName);
    for (const key of keys) {
      this.statuses.set(key.accessKeyId, key.status === 'Inactive' ? 'Inactive' : 'Active');
    }
    return keys;
  }

  async setKeyStatus(userName: string, accessKeyId: string, status: 'Active' | 'Inactive') {
    await this.aws.keyAdmin.setKeyStatus(userName, accessKeyId, status);
    this.statuses.set(accessKeyId, status);
  }

  /** Deletes a key; one that is already gone (a retried call after a lost answer) is fine. */
  async deleteKey(userName: string, accessKeyId: string): Promise<void> {
    try {
      await this.aws.keyAdmin.deleteKey(userName, accessKeyId, true);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not-found')) throw error;
      const keys = await this.listKeys(userName);
      if (keys.some((key) => key.accessKeyId === accessKeyId)) throw error;
    }
    this.statuses.set(accessKeyId, 'deleted');
  }

  async removeOther(userName: string, other: AccessKeySummary): Promise<void> {
    try {
      // Not confirmed: Keyward refuses a key that is active and was used recently.
      await this.aws.keyAdmin.deleteKey(userName, other.accessKeyId, false);
      this.statuses.set(other.accessKeyId, 'deleted');
    } catch (error) {
      if (error instanceof AppError && error.code === 'confirmation-required') {
        throw new AppError(
          'confirmation-required',
          `Keyward will not remove ${other.accessKeyId} to make room. ${error.message}`,
          'Deactivate that key first and check that nothing breaks, then delete it and rotate again.',
          { cause: error },
        );
      }
      throw error;
    }
  }

  async verify(key: StoredKey) {
    const aws = await import('../aws');
    // A fresh object: the SDK marks the credentials it is given, which ProfileStore would refuse.
    return aws.verifyAccessKey(
      { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      await this.deps.place(),
      this.deps.provePatienceMs,
    );
  }

  /** The key the profile holds now, which must be the rotation's old or new one. */
  async profileKey(state: RotationInProgress): Promise<StoredKey> {
    const key = await this.deps.profiles.get(state.profile);
    if (!key) {
      throw new AppError(
        'not-found',
        `The key "${state.profile}" was removed from this computer during the rotation.`,
        'Store the key again under the same name, then resume.',
      );
    }
    if (key.accessKeyId !== state.oldKeyId && key.accessKeyId !== state.newKeyId) {
      throw new AppError(
        'conflict',
        `"${state.profile}" now holds a key (${key.accessKeyId}) that is neither the old nor the new one.`,
        'Check the profile in Keyward; roll back or resume once it holds one of them again.',
      );
    }
    return key;
  }

  /**
   * Keys this rotation made whose secret was lost (a crash or a lost answer between
   * CreateAccessKey and the keychain) are useless: they are deleted before trying again.
   */
  async dropOrphans(state: RotationInProgress): Promise<string[]> {
    const keys = await this.listKeys(state.userName);
    const known = new Set([state.oldKeyId, ...state.otherKeyIds]);
    const open = (await this.aws.lostKeys.list()).filter(
      (entry) => entry.userName === state.userName,
    );
    const journaled = new Set(open.map((entry) => entry.accessKeyId));
    // A crash during CreateAccessKey leaves an entry whose key id was never learned.
    const unidentified = open.filter(
      (entry) => entry.accessKeyId === null && entry.startedAt >= state.startedAt,
    );
    const deleted: string[] = [];
    for (const key of keys.filter((k) => !known.has(k.accessKeyId))) {
      const ours =
        key.accessKeyId === state.newKeyId ||
        journaled.has(key.accessKeyId) ||
        unidentified.length > 0;
      if (!ours) {
        throw new AppError(
          'conflict',
          `A key Keyward did not make (${key.accessKeyId}) appeared for ${state.userName} during the rotation.`,
          'Find out who created it and whether it is needed; delete it if not.',
        );
      }
      await this.deleteKey(state.userName, key.accessKeyId);
      deleted.push(key.accessKeyId);
      log('rotation', `${state.profile}: deleted the rotation's key ${maskKeyId(key.accessKeyId)}`);
    }
    for (const entry of unidentified) {
      await this.aws.lostKeys.settle(entry.journalId, deleted.length > 0 ? 'deleted' : 'failed');
    }
    if (state.newKeyId !== null) {
      state.newKeyId = null;
      await this.deps.states.write(state);
    }
    return deleted;
  }

  /**
   * The window's sign-in with `leftKeyId`, which `profile` no longer holds, in whichever account
   * (current or not), signs in again with the profile's key now. Should that fail, that account
   * alone is signed out: a sign-in with a key about to be turned off or deleted fails at its next
   * action while saying it is signed in. A key belongs to one user of one account, so there is at
   * most one such sign-in.
   */
  async windowFollows(profile: string, leftKeyId: string): Promise<void> {
    const window = this.deps.windowSession;
    const following = window?.accounts().find((identity) => identity.accessKeyId === leftKeyId);
    if (!window || !following) return;
    try {
      await window.signInAgain({ kind: 'stored-key', profile });
      log('rotation', `${profile}: the window now signs in with ${profile}'s current key`);
    } catch (error) {
      window.signOutOf(following.accountId);
      log('rotation', `${profile}: the window was signed out: ${describeError(error)}`);
    }
  }
}
