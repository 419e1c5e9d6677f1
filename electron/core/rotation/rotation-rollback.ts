import type { RollbackResult } from '../../common/domain';
import { AppError } from '../errors';
import { log, maskKeyId } from '../log';
import type { RotationInProgress } from './rotation-state';
import type { RotationRun } from './rotation-run';

/**
 * Back to the old key: restore it to the profile (turning it on again if it was turned off),
 * delete every key the rotation made, and forget the rotation.
 */
export async function rollBack(
  run: RotationRun,
  state: RotationInProgress,
): Promise<RollbackResult> {
  const { profile, userName } = state;
  const { spares, profiles, states } = run.deps;
  const inUse = await run.profileKey(state);
  if (inUse.accessKeyId === state.newKeyId) {
    const kept = await spares.kept.get(profile);
    if (kept?.accessKeyId !== state.oldKeyId) {
      throw new AppError(
        'conflict',
        'The old key’s secret is no longer kept, so this rotation can only go forward.',
        'Resume the rotation instead.',
      );
    }
    await run.signIn(profile, inUse.accessKeyId);
    const old = (await run.listKeys(userName)).find((k) => k.accessKeyId === state.oldKeyId);
    if (!old) {
      throw new AppError(
        'conflict',
        `The old key ${state.oldKeyId} has already been deleted, so there is nothing to go back to.`,
        'Resume the rotation instead: the new key works.',
      );
    }
    if (old.status !== 'Active') {
      await run.setKeyStatus(userName, state.oldKeyId, 'Active');
      await run.progress(profile, 'reactivate');
    }
    await run.verify(kept);
    await profiles.put(profile, kept);
    await run.progress(profile, 'restore');
  }
  if (state.newKeyId !== null) await run.windowFollows(profile, state.newKeyId);
  await run.signIn(profile, state.oldKeyId);
  const staged = await spares.staged.get(profile);
  if (staged && state.newKeyId === null) state.newKeyId = staged.accessKeyId;
  const deletedKeyIds = await run.dropOrphans(state);
  await run.progress(profile, 'delete-new');
  await spares.staged.remove(profile);
  await spares.kept.remove(profile);
  await states.remove(profile);
  log('rotation', `${profile}: rolled back to ${maskKeyId(state.oldKeyId)}`);
  return { profile, userName, keptKeyId: state.oldKeyId, deletedKeyIds };
}
