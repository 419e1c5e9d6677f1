import type { AccessKeySummary } from '../../common/domain';
import type { OffboardMode, OffboardResult, OffboardedKey } from '../../common/offboard';
import { AppError, toBridgeError } from '../errors';
import { describeError, log, maskKeyId } from '../log';

/**
 * The three key-administration calls offboarding needs (KeyAdmin's, as Keyward has them today).
 * Each records its own activity entry and applies its own rules, so offboarding adds none.
 */
export interface OffboardKeyAdmin {
  listKeys(userName: string): Promise<AccessKeySummary[]>;
  setKeyStatus(
    userName: string,
    accessKeyId: string,
    status: 'Active' | 'Inactive',
    confirmInUse?: boolean,
  ): Promise<void>;
  deleteKey(userName: string, accessKeyId: string, confirmInUse: boolean): Promise<void>;
}

/**
 * Deactivates or deletes every key of a person who leaves, for the window and the command line
 * alike, and says what happened to each: one key failing does not stop the others.
 *
 * Any key of a leaving person may go although it is still in use: that is the point. The key
 * Keyward is signed in with is the exception: it goes last, so the others are done while the
 * sign-in still works, and only with `confirmLockOut` (key administration refuses it otherwise,
 * and that refusal is what the result reports for it).
 */
export async function offboardUser(
  admin: OffboardKeyAdmin,
  userName: string,
  mode: OffboardMode,
  options: { confirmLockOut?: boolean } = {},
): Promise<OffboardResult> {
  // An unknown person, or a list AWS refuses, stops everything before anything is done.
  const keys = await admin.listKeys(userName);
  const ordered = [...keys].sort((a, b) => Number(a.signedInKey) - Number(b.signedInKey));
  const results: OffboardedKey[] = [];
  let lockedOut = false;
  for (const key of ordered) {
    const { accessKeyId, signedInKey } = key;
    if (mode === 'deactivate' && key.status !== 'Active') {
      results.push({ accessKeyId, signedInKey, outcome: 'unchanged' });
      continue;
    }
    const confirmInUse = signedInKey ? options.confirmLockOut === true : true;
    try {
      if (mode === 'delete') await admin.deleteKey(userName, accessKeyId, confirmInUse);
      else await admin.setKeyStatus(userName, accessKeyId, 'Inactive', confirmInUse);
      results.push({ accessKeyId, signedInKey, outcome: 'done' });
      if (signedInKey) lockedOut = true;
    } catch (error) {
      if (!(error instanceof AppError)) {
        log('keys', `offboard ${mode} ${maskKeyId(accessKeyId)} failed: ${describeError(error)}`);
      }
      results.push({ accessKeyId, signedInKey, outcome: 'failed', error: toBridgeError(error) });
    }
  }
  const failed = results.filter((result) => result.outcome === 'failed').length;
  log('keys', `offboard ${mode}: ${String(results.length - failed)} of ${String(results.length)}`);
  return { userName, mode, keys: results, lockedOut };
}
