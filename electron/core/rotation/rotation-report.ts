import { log } from '../log';
import { RotationError, describeKeys } from './rotation-error';
import type { RotationKeyState } from './rotation-error';
import type { RotationInProgress } from './rotation-state';
import type { RotationRun } from './rotation-run';

/** Where the keys stand when a rotation stops: from the keychain and what AWS last said. */
export async function stopReport(
  run: RotationRun,
  state: RotationInProgress,
  operation: 'rotate' | 'rollback',
  error: unknown,
): Promise<RotationError> {
  if (error instanceof RotationError) return error;
  const { profiles, spares } = run.deps;
  const profileKey = await profiles.get(state.profile).catch(() => undefined);
  const staged = await spares.staged.get(state.profile).catch(() => undefined);
  const kept = await spares.kept.get(state.profile).catch(() => undefined);
  const status = (id: string) => run.statuses.get(id) ?? 'unknown';
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
