import type { AccessKeySummary } from '../../common/domain';
import type {
  OffboardExtra,
  OffboardMode,
  OffboardPreview,
  OffboardResult,
  OffboardStep,
  OffboardedKey,
} from '../../common/offboard';
import { describeStep } from '../../common/offboard';
import { AppError, toBridgeError } from '../errors';
import { describeError, log, maskKeyId } from '../log';
import type { KeyChanges } from './key-changes';
import type { PersonAccess } from './person-access';

/**
 * The key-administration calls offboarding needs (KeyAdmin's): the changes record their own
 * activity entries and apply their own rules, so offboarding adds none.
 */
export interface OffboardKeyAdmin extends KeyChanges {
  listKeys(userName: string): Promise<AccessKeySummary[]>;
  /** The signed-in identity's own IAM user name (null for a role). */
  signedInUserName(): string | null;
}

export interface OffboardOptions {
  /** Required to include the key Keyward is signed in with (it locks Keyward out). */
  confirmLockOut?: boolean;
  /** What else goes after the keys. Deleting the user takes everything with it. */
  also?: readonly OffboardExtra[];
}

/** Why Keyward will not remove more than the keys of this person, or null. */
function refusalForSelf(admin: OffboardKeyAdmin, userName: string): string | null {
  return admin.signedInUserName()?.toLowerCase() === userName.toLowerCase()
    ? `Keyward is signed in as ${userName}: it does not remove its own sign-in's user, password, MFA or groups. Sign in as another admin to do that.`
    : null;
}

/**
 * Everything offboarding could act on, read before anything is done so the preview can list it.
 * An unknown person is refused here; a part Keyward may not read comes back as null.
 */
export async function previewOffboarding(
  admin: OffboardKeyAdmin,
  person: PersonAccess,
  userName: string,
): Promise<OffboardPreview> {
  const keys = await admin.listKeys(userName);
  const [consolePassword, mfaDevices, groups] = await Promise.all([
    person.consolePassword(userName),
    person.mfaDevices(userName),
    person.groups(userName),
  ]);
  return {
    userName,
    keys: keys.map(({ accessKeyId, status, signedInKey }) => ({
      accessKeyId,
      status,
      signedInKey,
    })),
    consolePassword,
    mfaDevices,
    groups,
    cannotDeleteUser: refusalForSelf(admin, userName),
  };
}

/**
 * Deactivates or deletes every key of a person who leaves, then (when asked) their console
 * password, MFA devices, group memberships and the user itself, for the window and the command
 * line alike, and says what happened to each: one step failing does not stop the others, except
 * that the user is only deleted once everything before it is gone (IAM refuses it otherwise).
 *
 * Any key of a leaving person may go although it is still in use: that is the point. The key
 * Keyward is signed in with is the exception: it goes last, so the others are done while the
 * sign-in still works, and only with `confirmLockOut` (key administration refuses it otherwise,
 * and that refusal is what the result reports for it).
 */
export async function offboardUser(
  admin: OffboardKeyAdmin,
  person: PersonAccess | null,
  userName: string,
  mode: OffboardMode,
  options: OffboardOptions = {},
): Promise<OffboardResult> {
  const also = new Set<OffboardExtra>(options.also ?? []);
  if (also.has('user')) {
    if (mode !== 'delete') {
      throw new AppError(
        'invalid-input',
        `Deleting the user ${userName} needs their keys deleted, not deactivated.`,
        'Choose "Delete all keys" to delete the user as well.',
      );
    }
    // IAM deletes a user only once nothing is left attached: the rest goes with it.
    for (const extra of ['console-password', 'mfa-devices', 'groups'] as const) also.add(extra);
  }
  const refusal = also.size > 0 ? refusalForSelf(admin, userName) : null;
  if (refusal)
    throw new AppError(
      'invalid-input',
      refusal,
      'Offboard only the keys, or sign in as another admin.',
    );

  // An unknown person, or a list AWS refuses, stops everything before anything is done.
  const keys = await admin.listKeys(userName);
  const results = await offboardKeys(admin, userName, mode, keys, options.confirmLockOut === true);
  const steps = person ? await removeTheRest(person, userName, also, results) : [];
  const lockedOut = results.some((key) => key.signedInKey && key.outcome === 'done');
  const failed = results.filter((result) => result.outcome === 'failed').length;
  log('keys', `offboard ${mode}: ${String(results.length - failed)} of ${String(results.length)}`);
  return { userName, mode, keys: results, steps, lockedOut };
}

async function offboardKeys(
  admin: OffboardKeyAdmin,
  userName: string,
  mode: OffboardMode,
  keys: AccessKeySummary[],
  confirmLockOut: boolean,
): Promise<OffboardedKey[]> {
  const ordered = [...keys].sort((a, b) => Number(a.signedInKey) - Number(b.signedInKey));
  const results: OffboardedKey[] = [];
  for (const key of ordered) {
    const { accessKeyId, signedInKey } = key;
    if (mode === 'deactivate' && key.status !== 'Active') {
      results.push({ accessKeyId, signedInKey, outcome: 'unchanged' });
      continue;
    }
    const confirmInUse = signedInKey ? confirmLockOut : true;
    try {
      if (mode === 'delete') await admin.deleteKey(userName, accessKeyId, confirmInUse);
      else await admin.setKeyStatus(userName, accessKeyId, 'Inactive', confirmInUse);
      results.push({ accessKeyId, signedInKey, outcome: 'done' });
    } catch (error) {
      logUnexpected(`offboard ${mode} ${maskKeyId(accessKeyId)}`, error);
      results.push({ accessKeyId, signedInKey, outcome: 'failed', error: toBridgeError(error) });
    }
  }
  return results;
}

/** The console password, MFA devices, groups and the user, in the order IAM needs. */
async function removeTheRest(
  person: PersonAccess,
  userName: string,
  also: ReadonlySet<OffboardExtra>,
  keys: OffboardedKey[],
): Promise<OffboardStep[]> {
  const steps: OffboardStep[] = [];
  const attempt = async (kind: OffboardStep['kind'], target: string, run: () => Promise<void>) => {
    try {
      await run();
      steps.push({ kind, target, outcome: 'done' });
    } catch (error) {
      logUnexpected(`offboard ${kind}`, error);
      steps.push({ kind, target, outcome: 'failed', error: toBridgeError(error) });
    }
  };
  if (also.has('console-password')) {
    // Asked first: most people leaving have no console password, and that is not a failure.
    const has = await person.consolePassword(userName).catch(() => true);
    if (has !== false) {
      await attempt('console-password', userName, () => person.removeConsolePassword(userName));
    }
  }
  if (also.has('mfa-devices')) {
    await eachOf(
      steps,
      'mfa-device',
      () => person.listMfaDevices(userName),
      (serial) => attempt('mfa-device', serial, () => person.removeMfaDevice(userName, serial)),
    );
  }
  if (also.has('groups')) {
    await eachOf(
      steps,
      'group',
      () => person.listGroups(userName),
      (group) => attempt('group', group, () => person.removeFromGroup(userName, group)),
    );
  }
  if (also.has('user')) {
    const left = [
      ...keys.filter((key) => key.outcome !== 'done').map((key) => `key ${key.accessKeyId}`),
      ...steps.filter((step) => step.outcome === 'failed').map(describeStep),
    ];
    if (left.length > 0) {
      steps.push({
        kind: 'user',
        target: userName,
        outcome: 'skipped',
        reason: `Not deleted: AWS deletes a user only once nothing is left, and ${left.join(', ')} could not be removed first.`,
      });
    } else {
      await attempt('user', userName, () => person.deleteUser(userName));
    }
  }
  return steps;
}

/** Lists the devices or groups, then removes each; a list AWS refuses is one failed step. */
async function eachOf(
  steps: OffboardStep[],
  kind: 'mfa-device' | 'group',
  list: () => Promise<string[]>,
  remove: (target: string) => Promise<void>,
): Promise<void> {
  let targets: string[];
  try {
    targets = await list();
  } catch (error) {
    logUnexpected(`offboard list ${kind}`, error);
    steps.push({ kind, target: '', outcome: 'failed', error: toBridgeError(error) });
    return;
  }
  for (const target of targets) await remove(target);
}

function logUnexpected(what: string, error: unknown): void {
  if (!(error instanceof AppError)) log('keys', `${what} failed: ${describeError(error)}`);
}
