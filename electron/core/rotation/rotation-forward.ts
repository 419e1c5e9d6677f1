import type { NewKey, RotationResult } from '../../common/domain';
import { AppError } from '../errors';
import { log, maskKeyId } from '../log';
import { storedKeyOf } from '../secrets/pending-secrets';
import type { StoredKey } from '../vault/profile-store';
import { UnfinishedRotationError, keyLimitError } from './rotation-error';
import type { RotationInProgress } from './rotation-state';
import type { RotationRun } from './rotation-run';

export interface RotateOptions {
  /** 0: delete the old key once the new one is in use. Otherwise keep it inactive this long. */
  graceDays: number;
  /** With two keys already: remove the other (inactive or unused) key first, to make room. */
  removeOtherKey?: boolean;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Makes room for the new key (a retired or other key), records the start, and goes forward. */
export async function startRotation(
  run: RotationRun,
  profile: string,
  options: RotateOptions,
): Promise<{ state: RotationInProgress; removedKeyIds: string[] }> {
  const { states, profiles } = run.deps;
  const previous = await states.read(profile);
  if (previous?.phase === 'in-progress') throw new UnfinishedRotationError(previous);
  const stored = await profiles.require(profile);
  const userName = await run.signIn(profile);
  let keys = await run.listKeys(userName);
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
      await run.deleteKey(userName, retired.accessKeyId);
      removedKeyIds.push(retired.accessKeyId);
      await run.progress(profile, 'delete-retired');
    }
    await states.remove(profile);
    keys = keys.filter((key) => !removedKeyIds.includes(key.accessKeyId));
  }
  const other = keys.find((key) => key.accessKeyId !== old.accessKeyId);
  if (other) {
    if (!options.removeOtherKey) throw keyLimitError(userName, profile, old, other, keys);
    await run.removeOther(userName, other);
    removedKeyIds.push(other.accessKeyId);
    keys = keys.filter((key) => key !== other);
    await run.progress(profile, 'remove-other');
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
  await states.write(state);
  log('rotation', `${profile}: started for ${maskKeyId(old.accessKeyId)}`);
  return { state, removedKeyIds };
}

/**
 * From wherever the record and the keychain say the rotation stands, to the end: create and
 * stage the new key, prove it, switch the profile to it, then retire the old one.
 */
export async function goForward(
  run: RotationRun,
  state: RotationInProgress,
  removedKeyIds: string[],
): Promise<RotationResult> {
  const { spares } = run.deps;
  let inUse = await run.profileKey(state);
  if (inUse.accessKeyId === state.oldKeyId) {
    let staged = await spares.staged.get(state.profile);
    if (staged && state.newKeyId === null) {
      // Stopped between keeping the key and recording its id: adopt it.
      state.newKeyId = staged.accessKeyId;
    }
    if (!staged) {
      await run.signIn(state.profile, state.oldKeyId);
      // A key whose keychain write failed in an earlier run of this process may still be held.
      const held = run.aws.newKeys.held().find((key) => key.accessKeyId === state.newKeyId);
      if (held) {
        staged = await stage(run, state, held.handle);
      } else {
        await run.dropOrphans(state);
        staged = await stage(run, state, await create(run, state));
      }
    }
    await prove(run, state, staged);
    await switchProfile(run, state, inUse, staged);
    inUse = staged;
  }
  // Also when resuming after a switch made earlier: the old key is turned off next.
  await run.windowFollows(state.profile, state.oldKeyId);
  await spares.staged.remove(state.profile);
  await run.signIn(state.profile, inUse.accessKeyId);
  const oldKey = await retireOld(run, state);
  return {
    profile: state.profile,
    userName: state.userName,
    oldKeyId: state.oldKeyId,
    newKeyId: inUse.accessKeyId,
    oldKey,
    removedKeyIds,
  };
}

/** Returns the new key's held-secret handle. */
async function create(run: RotationRun, state: RotationInProgress): Promise<string> {
  const { states } = run.deps;
  let created: NewKey;
  try {
    created = await run.aws.newKeys.create(state.userName, state.description);
  } catch (error) {
    const lost = error instanceof AppError ? error.details?.lostKey : undefined;
    if (lost) {
      state.newKeyId = lost.accessKeyId;
      run.statuses.set(lost.accessKeyId, 'Active');
      await states.write(state);
    }
    throw error;
  }
  run.statuses.set(created.accessKeyId, 'Active');
  await run.progress(state.profile, 'create');
  state.newKeyId = created.accessKeyId;
  state.step = 'create';
  await states.write(state);
  return created.handle;
}

async function stage(run: RotationRun, state: RotationInProgress, handle: string) {
  const { profile } = state;
  const { newKeys } = run.aws;
  const pending = newKeys.get(handle);
  const staged: StoredKey = storedKeyOf(pending);
  try {
    await run.deps.spares.staged.put(profile, staged);
  } catch (error) {
    // Its secret is about to be lost: delete the key now rather than leave a useless active key.
    try {
      await newKeys.finish(handle, true);
      run.statuses.set(pending.accessKeyId, 'deleted');
      state.newKeyId = null;
      await run.deps.states.write(state);
    } catch {
      log(
        'rotation',
        `${profile}: could not delete ${maskKeyId(pending.accessKeyId)} after a keychain failure`,
      );
    }
    throw error;
  }
  await newKeys.markSecured(pending, 'keychain');
  await newKeys.finish(handle, false);
  await run.reached(state, 'stage');
  return staged;
}

async function prove(run: RotationRun, state: RotationInProgress, staged: StoredKey) {
  const verified = await run.verify(staged);
  if (verified.accountId !== state.accountId || verified.userName !== state.userName) {
    throw new AppError(
      'conflict',
      `The new key belongs to ${verified.arn}, not to ${state.userName}.`,
      'Roll the rotation back and check the profile’s key in Keyward.',
    );
  }
  await run.reached(state, 'prove');
}

/** The profile's entry is replaced only now that the new key is proven to work. */
async function switchProfile(
  run: RotationRun,
  state: RotationInProgress,
  old: StoredKey,
  staged: StoredKey,
): Promise<void> {
  const { spares, profiles, activity } = run.deps;
  await spares.kept.put(state.profile, old);
  await profiles.put(state.profile, { ...staged, description: old.description, use: old.use });
  await spares.staged.remove(state.profile);
  await run.reached(state, 'switch');
  log('rotation', `${state.profile}: now uses ${maskKeyId(staged.accessKeyId)}`);
  await activity.record({
    actor: 'this device',
    action: 'key.stored',
    userName: state.userName,
    accessKeyId: staged.accessKeyId,
    detail: `${state.profile} (rotated from ${state.oldKeyId})`,
  });
}

async function retireOld(
  run: RotationRun,
  state: RotationInProgress,
): Promise<RotationResult['oldKey']> {
  const { spares, states } = run.deps;
  const keys = await run.listKeys(state.userName);
  const old = keys.find((key) => key.accessKeyId === state.oldKeyId);
  if (old?.status === 'Active') {
    await run.setKeyStatus(state.userName, state.oldKeyId, 'Inactive');
    await run.reached(state, 'deactivate');
  }
  let outcome: RotationResult['oldKey'] = { state: 'deleted' };
  if (old && state.graceDays === 0) {
    await run.deleteKey(state.userName, state.oldKeyId);
    await run.reached(state, 'delete-old');
  }
  // The kept secret goes before the record does: a stop in between is simply resumed.
  await spares.kept.remove(state.profile);
  if (old && state.graceDays > 0) {
    const deleteAfter = new Date(Date.now() + state.graceDays * dayMs).toISOString();
    await states.write({
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
    await states.remove(state.profile);
  }
  await run.progress(state.profile, 'finish');
  log('rotation', `${state.profile}: finished`);
  return outcome;
}
