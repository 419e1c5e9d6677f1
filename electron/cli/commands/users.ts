import type { OffboardMode, OffboardResult, OffboardedKey } from '../../common/offboard';
import { AppError } from '../../core/errors';
import { askFirst } from '../ask-first';
import type { CommandSpec } from '../command-spec';
import { flagArg, requiredArg } from '../command-spec';
import { table } from '../format';
import { userOption } from './keys';

export const usersOffboard: CommandSpec = {
  words: ['users', 'offboard'],
  summary: 'When someone leaves: deactivate (or with --delete, delete) all of their keys at once.',
  usage: '--user USER [--delete] [--yes]',
  options: {
    user: userOption,
    delete: {
      type: 'boolean',
      help: 'Delete the keys instead of deactivating them (cannot be undone)',
    },
    yes: {
      type: 'boolean',
      help: 'Do not ask first, even when one of the keys is the one Keyward signs in with',
    },
  },
  signsIn: true,
  run: async (context, args) => {
    const user = requiredArg(args, 'user');
    const mode: OffboardMode = flagArg(args, 'delete') ? 'delete' : 'deactivate';
    const core = await context.signIn(args);
    // Listed first, so an unknown person is refused before anything is asked.
    const keys = await core.keyAdmin.listKeys(user);
    const acting = mode === 'delete' ? keys : keys.filter((key) => key.status === 'Active');
    if (acting.length > 0) {
      const own = acting.find((key) => key.signedInKey);
      await askFirst(
        context,
        args,
        `${mode === 'delete' ? 'Delete' : 'Deactivate'} ${countOf(acting.length)} of ${user} (${acting.map((key) => key.accessKeyId).join(', ')})? ` +
          (mode === 'delete'
            ? 'They stop working at once, and this cannot be undone.'
            : 'They stop working at once; keyward keys activate turns one back on.') +
          (own
            ? ` ${own.accessKeyId} is the key Keyward is signed in with: it goes last, and then this sign-in no longer works.`
            : ''),
        `Offboarding ${user} ${mode === 'delete' ? 'deletes' : 'deactivates'} ${countOf(acting.length)} at once.`,
      );
    }
    // Asked above (or --yes): that covers the key Keyward signs in with, as `keys delete --yes` does.
    const result = await core.keyAdmin.offboard(user, mode, { confirmLockOut: true });
    context.print(result, () => summaryText(result));
    const failed = result.keys.filter(
      (key): key is Extract<OffboardedKey, { outcome: 'failed' }> => key.outcome === 'failed',
    );
    const first = failed[0];
    if (first) {
      // The summary above says which and why; the exit code says it to a script.
      throw new AppError(
        first.error.code,
        `${countOf(failed.length)} of ${user} could not be ${pastTense(mode)}: the list above says why.`,
        'Deal with that, then run the command again: the keys already done stay as they are.',
      );
    }
  },
};

function countOf(n: number): string {
  return `${String(n)} key${n === 1 ? '' : 's'}`;
}

function pastTense(mode: OffboardMode): string {
  return mode === 'delete' ? 'deleted' : 'deactivated';
}

/** The window's summary, in the same words, then one line per key. */
function summaryText(result: OffboardResult): string {
  if (result.keys.length === 0) return `${result.userName} has no access keys: nothing to do.`;
  const count = (outcome: OffboardedKey['outcome']) =>
    result.keys.filter((key) => key.outcome === outcome).length;
  const done = `${countOf(count('done'))} ${pastTense(result.mode)}`;
  const unchanged =
    count('unchanged') > 0 ? `, ${countOf(count('unchanged'))} already deactivated` : '';
  const failed = count('failed') > 0 ? `, ${countOf(count('failed'))} failed` : '';
  const rows = result.keys.map((key) => [
    key.accessKeyId,
    key.outcome === 'failed'
      ? `failed: ${key.error.message} ${key.error.hint}`
      : key.outcome === 'done'
        ? pastTense(result.mode)
        : 'was already deactivated',
  ]);
  const lockedOut = result.lockedOut
    ? '\nKeyward was signed in with one of these keys: sign in with another key or AWS profile from now on.'
    : '';
  return `Offboarding ${result.userName}: ${done}${unchanged}${failed}.\n${table(['KEY ID', 'RESULT'], rows)}${lockedOut}`;
}
