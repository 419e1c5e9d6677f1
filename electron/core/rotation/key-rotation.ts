import { storedKeyOf } from '../secrets/pending-secrets';
import type { RotationResult, RollbackResult, RotationStatus } from '../../common/domain';
import type { AccessKeySummary, Identity, NewKey, SignInSource } from '../../common/domain';
import { AppError } from '../errors';
import type { Keyward } from '../keyward';
import { describeError, log, maskKeyId } from '../log';
import type { StoredKey } from '../vault/profile-store';
import { checkKeptProfileName } from '../vault/profile-store';
import type { RotationKeyState } from './rotation-error';
import {
  RotationError,
  UnfinishedRotationError,
  describeKeys,
  keyLimitError,
} from './rotation-error';
import type { RotationInProgress, RotationStep } from './rotation-state';
import { RotationStates } from './rotation-state';
import { SpareKeys } from './spare-keys';

export interface RotateOptions {
  /** 0: delete the old key once the new one is in use. Otherwise keep it inactive this long. */
  graceDays: number;
  /** With two keys already: remove the other (inactive or unused) key first, to make room. */
  removeOtherKey?: boolean;
}

export interface RotationProgress {
  profile: string;
  /** The step whose effect has just happened (it may not be recorded yet). */
  step: RotationStep | 'reactivate' | 'restore' | 'delete-new';
}

/** The window's sign-in, which follows a profile whose key this rotation swaps. */
export interface FollowingSession {
  whoami(): Identity | null;
  signIn(source: SignInSource): Promise<Identity>;
  signOut(): void;
}

export interface KeyRotationOptions {
  /**
   * The window's session, when rotation works on a Keyward of its own. Signed in with the key the
   * profile stops using, it moves to the key the profile uses now (or, failing that, signs out):
   * it must never stay signed in with a key that is about to be turned off.
   */
  session?: FollowingSession;
  /** Told after each step, for progress in the window (and, in tests, to stop at any point). */
  onProgress?: (event: RotationProgress) => void | Promise<void>;
  /** How long a new key may take to be accepted everywhere (IAM is eventually consistent). */
  provePatienceMs?: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Rotation that cannot lock anyone out: create the new key (journaled) → keep it in a staging
 * keychain entry → prove it with STS, signed by the new key → switch the profile to it (the old
 * secret is kept until the end, for rolling back) → deactivate the old key → delete it now, or
 * after a grace period. IAM calls are signed by the profile's own long-term key: the old one
 * until the switch, the new one after.
 *
 * Resuming does not trust the record blindly: it looks at the keychain and at AWS and carries on
 * from what it finds, so a crash between any two writes is recoverable.
 */
export class KeyRotation {
  readonly #keyward: Keyward;
  readonly #states: RotationStates;
  readonly #spares: SpareKeys;
  readonly #onProgress: KeyRotationOptions['onProgress'];
  readonly #patienceMs: number;
  readonly #session: FollowingSession | undefined;
  /** The last status AWS reported (or Keyward set) for each key, for describing a stop. */
  readonly #statuses = new Map<string, RotationKeyState['status']>();

  constructor(keyward: Keyward, options: KeyRotationOptions = {}) {
    this.#keyward = keyward;
    this.#states = new RotationStates(keyward.platform.dataDir());
    this.#spares = new SpareKeys(keyward.secretStore);
    this.#onProgress = options.onProgress;
    this.#patienceMs = options.provePatienceMs ?? 30_000;
    this.#session = options.session;
  }

  async status(profile: string): Promise<RotationStatus> {
    checkKeptProfileName(profile);
    const record = await this.#states.read(profile);
    if (!record) return { state: 'none' };
    if (record.phase === 'retired') {
      return { state: 'retired', accessKeyId: record.accessKeyId, deleteAfter: record.deleteAfter };
    }
    return {
      state: 'unfinished',
      step: record.step,
      oldKeyId: record.oldKeyId,
      newKeyId: record.newKeyId,
      startedAt: record.startedAt,
    };
  }

  async rotate(profile: string, options: RotateOptions): Promise<RotationResult> {
    checkKeptProfileName(profile);
    if (!Number.isInteger(options.graceDays) || options.graceDays < 0 || options.graceDays > 365) {
      throw new AppError(
        'invalid-input',
        'The grace period must be a whole number of days from 0 to 365.',
        'Use 0 to delete the old key at once, or the number of days to keep it inactive.',
      );
    }
    return await this.#exclusive(profile, async () => {
      const previous = await this.#states.read(profile);
      if (previous?.phase === 'in-progress') throw new UnfinishedRotationError(previous);
      const stored = await this.#keyward.profiles.require(profile);
      const userName = await this.#signIn(profile);
      let keys = await this.#listKeys(userName);
      const old = keys.find((key) => key.accessKeyId === stored.accessKeyId);
      if (!old) {
        throw new AppError(
          'conflict',
          `The key kept as "${profile}" (${stored.accessKeyId}) is not one of ${userName}’s access keys.`,
          'Check the profile in Keyward’s list of stored keys.',
        );
      }

      const removedKeyIds: string[] = [];
      if (previous?.phase === 'retired') {
        // The previous rotation's old key, kept inactive for its grace period, makes room first.
        const retired = keys.find((key) => key.accessKeyId === previous.accessKeyId);
        if (retired && retired.status !== 'Active') {
          await this.#deleteKey(userName, retired.accessKeyId);
          removedKeyIds.push(retired.accessKeyId);
          await this.#progress(profile, 'delete-retired');
        }
        await this.#states.remove(profile);
        keys = keys.filter((key) => !removedKeyIds.includes(key.accessKeyId));
      }
      const other = keys.find((key) => key.accessKeyId !== old.accessKeyId);
      if (other) {
        if (!options.removeOtherKey) throw keyLimitError(userName, profile, old, other, keys);
        await this.#removeOther(userName, other);
        removedKeyIds.push(other.accessKeyId);
        keys = keys.filter((key) => key !== other);
        await this.#progress(profile, 'remove-other');
      }

      const now = new Date().toISOString();
      const state: RotationInProgress = {
        version: 1,
        phase: 'in-progress',
        profile,
        userName,
        accountId: stored.accountId,
        oldKeyId: old.accessKeyId,
        newKeyId: null,
        otherKeyIds: keys.map((key) => key.accessKeyId).filter((id) => id !== old.accessKeyId),
        graceDays: options.graceDays,
        description: old.description ?? stored.description,
        step: 'started',
        startedAt: now,
        updatedAt: now,
      };
      await this.#states.write(state);
      log('rotation', `${profile}: started for ${maskKeyId(old.accessKeyId)}`);
      return this.#advance(state, removedKeyIds);
    });
  }

  async resume(profile: string): Promise<RotationResult> {
    checkKeptProfileName(profile);
    return await this.#exclusive(profile, async () => {
      const state = await this.#requireUnfinished(profile);
      log('rotation', `${profile}: resuming after ${state.step}`);
      return this.#advance(state, []);
    });
  }

  async rollback(profile: string): Promise<RollbackResult> {
    checkKeptProfileName(profile);
    return await this.#exclusive(profile, async () => {
      const state = await this.#requireUnfinished(profile);
      log('rotation', `${profile}: rolling back after ${state.step}`);
      try {
        return await this.#rollback(state);
      } catch (error) {
        throw await this.#stopped(state, 'rollback', error);
      }
    });
  }

  /**
   * Deletes the old keys whose grace period has passed (the window can call this at start; a
   * rotation also deletes its profile's old key first). A key someone made active again is left
   * alone. Returns the deleted key ids; a profile that fails is logged and skipped.
   */
  async deleteRetiredKeys(now = Date.now()): Promise<string[]> {
    const deleted: string[] = [];
    for (const record of await this.#states.list()) {
      if (record.phase !== 'retired' || Date.parse(record.deleteAfter) > now) continue;
      try {
        await this.#exclusive(record.profile, async () => {
          if ((await this.#states.read(record.profile))?.phase !== 'retired') return;
          const userName = await this.#signIn(record.profile);
          const keys = await this.#listKeys(userName);
          const old = keys.find((key) => key.accessKeyId === record.accessKeyId);
          if (old && old.status !== 'Active') {
            await this.#deleteKey(userName, old.accessKeyId);
            deleted.push(old.accessKeyId);
          }
          await this.#states.remove(record.profile);
        });
      } catch (error) {
        log('rotation', `${record.profile}: old key not deleted yet: ${describeError(error)}`);
      }
    }
    return deleted;
  }

  // ── Going forward ──────────────────────────────────────────────────────────────────────────

  async #advance(state: RotationInProgress, removedKeyIds: string[]): Promise<RotationResult> {
    try {
      let inUse = await this.#profileKey(state);
      if (inUse.accessKeyId === state.oldKeyId) {
        let staged = await this.#spares.staged.get(state.profile);
        if (staged && state.newKeyId === null) {
          // Stopped between keeping the key and recording its id: adopt it.
          state.newKeyId = staged.accessKeyId;
        }
        if (!staged) {
          await this.#signIn(state.profile, state.oldKeyId);
          // In the window's process, a key whose keychain write failed may still be in memory.
          const held = this.#keyward.pending
            .list()
            .find((pending) => pending.accessKeyId === state.newKeyId);
          if (held) {
            staged = await this.#stage(state, held.handle);
          } else {
            await this.#dropOrphans(state);
            staged = await this.#stage(state, await this.#create(state));
          }
        }
        await this.#prove(state, staged);
        await this.#switch(state, inUse, staged);
        inUse = staged;
      }
      // Also when resuming after a switch made earlier: the old key is turned off next.
      await this.#sessionFollows(state.profile, state.oldKeyId);
      await this.#spares.staged.remove(state.profile);
      await this.#signIn(state.profile, inUse.accessKeyId);
      const oldKey = await this.#retireOld(state);
      return {
        profile: state.profile,
        userName: state.userName,
        oldKeyId: state.oldKeyId,
        newKeyId: inUse.accessKeyId,
        oldKey,
        removedKeyIds,
      };
    } catch (error) {
      throw await this.#stopped(state, 'rotate', error);
    }
  }

  /**
   * Keys this rotation made whose secret was lost (a crash or a lost answer between
   * CreateAccessKey and the keychain) are useless: they are deleted before trying again.
   */
  async #dropOrphans(state: RotationInProgress): Promise<string[]> {
    const keys = await this.#listKeys(state.userName);
    const known = new Set([state.oldKeyId, ...state.otherKeyIds]);
    const open = (
      await this.#keyward.journal.openEntries(this.#keyward.pending.journalIds())
    ).filter((entry) => entry.userName === state.userName);
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
      await this.#deleteKey(state.userName, key.accessKeyId);
      deleted.push(key.accessKeyId);
      log('rotation', `${state.profile}: deleted the rotation's key ${maskKeyId(key.accessKeyId)}`);
    }
    for (const entry of unidentified) {
      await this.#keyward.journal.close(entry.journalId, deleted.length > 0 ? 'deleted' : 'failed');
    }
    if (state.newKeyId !== null) {
      state.newKeyId = null;
      await this.#states.write(state);
    }
    return deleted;
  }

  /** Returns the new key's pending-secret handle. */
  async #create(state: RotationInProgress): Promise<string> {
    let created: NewKey;
    try {
      created = await this.#keyward.createKey(state.userName, state.description);
    } catch (error) {
      const lost = error instanceof AppError ? error.details?.lostKey : undefined;
      if (lost) {
        state.newKeyId = lost.accessKeyId;
        this.#statuses.set(lost.accessKeyId, 'Active');
        await this.#states.write(state);
      }
      throw error;
    }
    this.#statuses.set(created.accessKeyId, 'Active');
    await this.#progress(state.profile, 'create');
    state.newKeyId = created.accessKeyId;
    state.step = 'create';
    await this.#states.write(state);
    return created.handle;
  }

  async #stage(state: RotationInProgress, handle: string): Promise<StoredKey> {
    const { profile } = state;
    const pending = this.#keyward.pending.get(handle);
    const staged: StoredKey = storedKeyOf(pending);
    try {
      await this.#spares.staged.put(profile, staged);
    } catch (error) {
      // Its secret is about to be lost: delete the key now rather than leave a useless active key.
      try {
        await this.#keyward.finish(handle, true);
        this.#statuses.set(pending.accessKeyId, 'deleted');
        state.newKeyId = null;
        await this.#states.write(state);
      } catch {
        log(
          'rotation',
          `${profile}: could not delete ${maskKeyId(pending.accessKeyId)} after a keychain failure`,
        );
      }
      throw error;
    }
    await this.#keyward.markSecured(pending, 'keychain');
    await this.#keyward.finish(handle, false);
    await this.#progress(profile, 'stage');
    state.step = 'stage';
    await this.#states.write(state);
    return staged;
  }

  async #prove(state: RotationInProgress, staged: StoredKey): Promise<void> {
    const verified = await this.#verify(staged);
    if (verified.accountId !== state.accountId || verified.userName !== state.userName) {
      throw new AppError(
        'conflict',
        `The new key belongs to ${verified.arn}, not to ${state.userName}.`,
        'Roll the rotation back and check the profile’s key in Keyward.',
      );
    }
    await this.#progress(state.profile, 'prove');
    state.step = 'prove';
    await this.#states.write(state);
  }

  /** The profile's entry is replaced only now that the new key is proven to work. */
  async #switch(state: RotationInProgress, old: StoredKey, staged: StoredKey): Promise<void> {
    await this.#spares.kept.put(state.profile, old);
    await this.#keyward.profiles.put(state.profile, { ...staged, description: old.description });
    await this.#spares.staged.remove(state.profile);
    await this.#progress(state.profile, 'switch');
    state.step = 'switch';
    await this.#states.write(state);
    log('rotation', `${state.profile}: now uses ${maskKeyId(staged.accessKeyId)}`);
    await this.#keyward.activity.record({
      actor: 'this device',
      action: 'key.stored',
      userName: state.userName,
      accessKeyId: staged.accessKeyId,
      detail: `${state.profile} (rotated from ${state.oldKeyId})`,
    });
  }

  async #retireOld(state: RotationInProgress): Promise<RotationResult['oldKey']> {
    const keys = await this.#listKeys(state.userName);
    const old = keys.find((key) => key.accessKeyId === state.oldKeyId);
    if (old?.status === 'Active') {
      await this.#keyward.setKeyStatus(state.userName, state.oldKeyId, 'Inactive');
      this.#statuses.set(state.oldKeyId, 'Inactive');
      await this.#progress(state.profile, 'deactivate');
      state.step = 'deactivate';
      await this.#states.write(state);
    }
    let outcome: RotationResult['oldKey'] = { state: 'deleted' };
    if (old && state.graceDays === 0) {
      await this.#deleteKey(state.userName, state.oldKeyId);
      await this.#progress(state.profile, 'delete-old');
      state.step = 'delete-old';
      await this.#states.write(state);
    }
    // The kept secret goes before the record does: a stop in between is simply resumed.
    await this.#spares.kept.remove(state.profile);
    if (old && state.graceDays > 0) {
      const deleteAfter = new Date(Date.now() + state.graceDays * dayMs).toISOString();
      await this.#states.write({
        version: 1,
        phase: 'retired',
        profile: state.profile,
        userName: state.userName,
        accessKeyId: state.oldKeyId,
        retiredAt: new Date().toISOString(),
        deleteAfter,
      });
      outcome = { state: 'inactive', deleteAfter };
    } else {
      await this.#states.remove(state.profile);
    }
    await this.#progress(state.profile, 'finish');
    log('rotation', `${state.profile}: finished`);
    return outcome;
  }

  // ── Going back ─────────────────────────────────────────────────────────────────────────────

  async #rollback(state: RotationInProgress): Promise<RollbackResult> {
    const { profile, userName } = state;
    const inUse = await this.#profileKey(state);
    if (inUse.accessKeyId === state.newKeyId) {
      const kept = await this.#spares.kept.get(profile);
      if (kept?.accessKeyId !== state.oldKeyId) {
        throw new AppError(
          'conflict',
          'The old key’s secret is no longer kept, so this rotation can only go forward.',
          'Resume the rotation instead.',
        );
      }
      await this.#signIn(profile, inUse.accessKeyId);
      const old = (await this.#listKeys(userName)).find((k) => k.accessKeyId === state.oldKeyId);
      if (!old) {
        throw new AppError(
          'conflict',
          `The old key ${state.oldKeyId} has already been deleted, so there is nothing to go back to.`,
          'Resume the rotation instead: the new key works.',
        );
      }
      if (old.status !== 'Active') {
        await this.#keyward.setKeyStatus(userName, state.oldKeyId, 'Active');
        this.#statuses.set(state.oldKeyId, 'Active');
        await this.#progress(profile, 'reactivate');
      }
      await this.#verify(kept);
      await this.#keyward.profiles.put(profile, kept);
      await this.#progress(profile, 'restore');
    }
    if (state.newKeyId !== null) await this.#sessionFollows(profile, state.newKeyId);
    await this.#signIn(profile, state.oldKeyId);
    const staged = await this.#spares.staged.get(profile);
    if (staged && state.newKeyId === null) state.newKeyId = staged.accessKeyId;
    const deletedKeyIds = await this.#dropOrphans(state);
    await this.#progress(profile, 'delete-new');
    await this.#spares.staged.remove(profile);
    await this.#spares.kept.remove(profile);
    await this.#states.remove(profile);
    log('rotation', `${profile}: rolled back to ${maskKeyId(state.oldKeyId)}`);
    return { profile, userName, keptKeyId: state.oldKeyId, deletedKeyIds };
  }

  /**
   * The window signed in with `leftKeyId`, which `profile` no longer holds, signs in again with
   * the profile's key now. Should that fail, it signs out: a session with a key about to be turned
   * off or deleted fails at the next action while saying it is signed in.
   */
  async #sessionFollows(profile: string, leftKeyId: string): Promise<void> {
    const session = this.#session;
    if (session?.whoami()?.accessKeyId !== leftKeyId) return;
    try {
      await session.signIn({ kind: 'stored-key', profile });
      log('rotation', `${profile}: the window now signs in with ${profile}'s current key`);
    } catch (error) {
      session.signOut();
      log('rotation', `${profile}: the window was signed out: ${describeError(error)}`);
    }
  }

  // ── Helpers ────────────────────────────────────────────────────────────────────────────────

  async #exclusive<T>(profile: string, run: () => Promise<T>): Promise<T> {
    const release = await this.#states.lock(profile);
    try {
      return await run();
    } finally {
      await release();
    }
  }

  async #requireUnfinished(profile: string): Promise<RotationInProgress> {
    const state = await this.#states.read(profile);
    if (state?.phase !== 'in-progress') {
      throw new AppError(
        'not-found',
        `There is no unfinished rotation of "${profile}".`,
        'Start a new rotation instead.',
      );
    }
    return state;
  }

  async #profileKey(state: RotationInProgress): Promise<StoredKey> {
    const key = await this.#keyward.profiles.get(state.profile);
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
   * Signs in with the profile's own key, which must belong to an IAM user. Already signed in with
   * that very key (`keyId`), the session is kept rather than proven again.
   */
  async #signIn(profile: string, keyId?: string): Promise<string> {
    const current = this.#keyward.whoami();
    if (
      keyId !== undefined &&
      current?.userName &&
      current.accessKeyId === keyId &&
      current.source.kind === 'stored-key' &&
      current.source.profile === profile
    ) {
      return current.userName;
    }
    const identity = await this.#keyward.signIn({ kind: 'stored-key', profile });
    if (!identity.userName) {
      throw new AppError(
        'invalid-input',
        'Only an IAM user’s access key can be rotated.',
        'Sign in to AWS as an IAM user, or rotate the key in the AWS console.',
      );
    }
    return identity.userName;
  }

  async #listKeys(userName: string): Promise<AccessKeySummary[]> {
    const keys = await this.#keyward.listKeys(userName);
    for (const key of keys) {
      this.#statuses.set(key.accessKeyId, key.status === 'Inactive' ? 'Inactive' : 'Active');
    }
    return keys;
  }

  /** Deletes a key; one that is already gone (a retried call after a lost answer) is fine. */
  async #deleteKey(userName: string, accessKeyId: string): Promise<void> {
    try {
      await this.#keyward.deleteKey(userName, accessKeyId, true);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not-found')) throw error;
      const keys = await this.#listKeys(userName);
      if (keys.some((key) => key.accessKeyId === accessKeyId)) throw error;
    }
    this.#statuses.set(accessKeyId, 'deleted');
  }

  async #removeOther(userName: string, other: AccessKeySummary): Promise<void> {
    try {
      // Not confirmed: Keyward refuses a key that is active and was used recently.
      await this.#keyward.deleteKey(userName, other.accessKeyId, false);
      this.#statuses.set(other.accessKeyId, 'deleted');
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

  async #verify(key: StoredKey) {
    const { region, endpoint } = await this.#keyward.settings.read();
    const aws = await import('../aws');
    // A fresh object: the SDK marks the credentials it is given, which ProfileStore would refuse.
    return aws.verifyAccessKey(
      { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      { region, endpoint },
      this.#patienceMs,
    );
  }

  async #progress(profile: string, step: RotationProgress['step']): Promise<void> {
    await this.#onProgress?.({ profile, step });
  }

  /** Where the keys stand when a rotation stops: from the keychain and what AWS last said. */
  async #stopped(
    state: RotationInProgress,
    operation: 'rotate' | 'rollback',
    error: unknown,
  ): Promise<RotationError> {
    if (error instanceof RotationError) return error;
    const profileKey = await this.#keyward.profiles.get(state.profile).catch(() => undefined);
    const staged = await this.#spares.staged.get(state.profile).catch(() => undefined);
    const kept = await this.#spares.kept.get(state.profile).catch(() => undefined);
    const status = (id: string) => this.#statuses.get(id) ?? 'unknown';
    const where = (id: string, role: 'old' | 'new'): RotationKeyState['secret'] => {
      if (profileKey === undefined) return 'unknown';
      if (profileKey?.accessKeyId === id) return 'in-use';
      if (staged?.accessKeyId === id) return 'staged';
      if (kept?.accessKeyId === id) return 'kept-for-rollback';
      return role === 'new' ? 'lost' : 'none';
    };
    const keys: RotationKeyState[] = [
      {
        accessKeyId: state.oldKeyId,
        role: 'old',
        status: status(state.oldKeyId),
        secret: where(state.oldKeyId, 'old'),
      },
    ];
    if (state.newKeyId !== null && status(state.newKeyId) !== 'deleted') {
      keys.push({
        accessKeyId: state.newKeyId,
        role: 'new',
        status: status(state.newKeyId),
        secret: where(state.newKeyId, 'new'),
      });
    }
    const stopped = new RotationError(state, operation, error, keys);
    log(
      'rotation',
      `${state.profile}: stopped after ${state.step}: ${describeKeys(state.profile, keys)}`,
    );
    return stopped;
  }
}

export type { RotationResult, RollbackResult, RotationStatus };
