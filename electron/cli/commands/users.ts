import type {
  OffboardExtra,
  OffboardMode,
  OffboardPreview,
  OffboardResult,
  OffboardedKey,
} from '../../common/offboard';
import { describeStep } from '../../common/offboard';
import { AppError } from '../../core/errors';
import { askFirst } from '../ask-first';
import type { CommandSpec, ParsedArgs } from '../command-spec';
import { flagArg, requiredArg } from '../command-spec';
import { table } from '../format';
import { userOption } from './keys';

export const usersOffboard: CommandSpec = {
  words: ['users', 'offboard'],
  summary:
    'When someone leaves: deactivate (or delete) all of their keys at once, and with --delete-user everything else and the user too.',
  usage:
    '--user USER [--delete] [--remove-console-password] [--remove-mfa] [--remove-groups] [--delete-user] [--yes]',
  options: {
    user: userOption,
    delete: {
      type: 'boolean',
      help: 'Delete the keys instead of deactivating them (cannot be undone)',
    },
    'remove-console-password': {
      type: 'boolean',
      help: 'Also remove their AWS console password',
    },
    'remove-mfa': {
      type: 'boolean',
      help: 'Also turn off their MFA devices (and delete the virtual ones)',
    },
    'remove-groups': { type: 'boolean', help: 'Also take them out of all their groups' },
    'delete-user': {
      type: 'boolean',
      help: 'Delete everything above and then the IAM user itself (implies --delete; cannot be undone)',
    },
    yes: {
      type: 'boolean',
      help: 'Do not ask first, even when one of the keys is the one Keyward signs in with',
    },
  },
  signsIn: true,
  run: async (context, args) => {
    const user = requiredArg(args, 'user');
    const also = extrasOf(args);
    const mode: OffboardMode =
      flagArg(args, 'delete') || also.includes('user') ? 'delete' : 'deactivate';
    const core = await context.signIn(args);
    // Listed first, so an unknown person is refused before anything is asked.
    const preview: Pick<OffboardPreview, 'keys'> & Partial<OffboardPreview> =
      also.length > 0
        ? await core.keyAdmin.offboardPreview(user)
        : { keys: await core.keyAdmin.listKeys(user) };
    if (also.length > 0 && preview.cannotDeleteUser) {
      throw new AppError(
        'invalid-input',
        preview.cannotDeleteUser,
        'Offboard only the keys (leave out --delete-user and the --remove options), or sign in as another admin.',
      );
    }
    const acting =
      mode === 'delete' ? preview.keys : preview.keys.filter((key) => key.status === 'Active');
    const more = alsoListed(preview, also);
    if (acting.length > 0 || more.length > 0) {
      const own = acting.find((key) => key.signedInKey);
      const keyPart =
        acting.length > 0
          ? `${mode === 'delete' ? 'Delete' : 'Deactivate'} ${countOf(acting.length)} of ${user} (${acting.map((key) => key.accessKeyId).join(', ')})? ` +
            (mode === 'delete'
              ? 'They stop working at once, and this cannot be undone.'
              : 'They stop working at once; keyward keys activate turns one back on.')
          : `${user} has no keys to ${mode}.`;
      await askFirst(
        context,
        args,
        keyPart +
          (more.length > 0 ? ` Then remove ${more.join(', ')}.` : '') +
          (own
            ? ` ${own.accessKeyId} is the key Keyward is signed in with: it goes last, and then this sign-in no longer works.`
            : ''),
        `Offboarding ${user} ${mode === 'delete' ? 'deletes' : 'deactivates'} ${countOf(acting.length)}` +
          (more.length > 0 ? ` and removes ${more.join(', ')}` : '') +
          ' at once.',
      );
    }
    // Asked above (or --yes): that covers the key Keyward signs in with, as `keys delete --yes` does.
    const result = await core.keyAdmin.offboard(user, mode, { confirmLockOut: true, also });
    context.print(result, () => summaryText(result));
    const failedKeys = result.keys.filter(
      (key): key is Extract<OffboardedKey, { outcome: 'failed' }> => key.outcome === 'failed',
    );
    const firstKey = failedKeys[0];
    if (firstKey) {
      // The summary above says which and why; the exit code says it to a script.
      throw new AppError(
        firstKey.error.code,
        `${countOf(failedKeys.length)} of ${user} could not be ${pastTense(mode)}: the list above says why.`,
        'Deal with that, then run the command again: the keys already done stay as they are.',
      );
    }
    const notDone = result.steps.find((step) => step.outcome !== 'done');
    if (notDone) {
      throw new AppError(
        notDone.outcome === 'failed' ? notDone.error.code : 'conflict',
        `Offboarding ${user} did not finish: ${describeStep(notDone)} was not removed (the list above says why).`,
        'Deal with that, then run the command again: what was already removed stays removed.',
      );
    }
  },
};

function extrasOf(args: ParsedArgs): OffboardExtra[] {
  const also: OffboardExtra[] = [];
  if (flagArg(args, 'remove-console-password')) also.push('console-password');
  if (flagArg(args, 'remove-mfa')) also.push('mfa-devices');
  if (flagArg(args, 'remove-groups')) also.push('groups');
  if (flagArg(args, 'delete-user')) also.push('user');
  return also;
}

/** What the question lists after the keys, from what the preview found. */
function alsoListed(preview: Partial<OffboardPreview>, also: OffboardExtra[]): string[] {
  const all = also.includes('user');
  const listed: string[] = [];
  const unknown = 'if any (Keyward may not look)';
  if (all || also.includes('console-password')) {
    if (preview.consolePassword === null) listed.push(`their console password ${unknown}`);
    else if (preview.consolePassword) listed.push('their console password');
  }
  if (all || also.includes('mfa-devices')) {
    if (preview.mfaDevices === null) listed.push(`their MFA devices ${unknown}`);
    else if (preview.mfaDevices?.length) listed.push(`MFA ${preview.mfaDevices.join(', ')}`);
  }
  if (all || also.includes('groups')) {
    if (preview.groups === null) listed.push(`their groups ${unknown}`);
    else if (preview.groups?.length) listed.push(`groups ${preview.groups.join(', ')}`);
  }
  if (all) listed.push(`the IAM user ${preview.userName ?? ''}`);
  return listed;
}

function countOf(n: number): string {
  return `${String(n)} key${n === 1 ? '' : 's'}`;
}

function pastTense(mode: OffboardMode): string {
  return mode === 'delete' ? 'deleted' : 'deactivated';
}

/** The window's summary, in the same words, then one line per key and per further step. */
function summaryText(result: OffboardResult): string {
  const steps = result.steps.map((step) => [
    describeStep(step),
    step.outcome === 'done'
      ? step.kind === 'user'
        ? 'deleted'
        : 'removed'
      : step.outcome === 'skipped'
        ? step.reason
        : `failed: ${step.error.message} ${step.error.hint}`,
  ]);
  const stepsPart = steps.length > 0 ? `\n${table(['ALSO', 'RESULT'], steps)}` : '';
  if (result.keys.length === 0) {
    return `${result.userName} has no access keys: nothing to do with keys.${stepsPart}`;
  }
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
  return `Offboarding ${result.userName}: ${done}${unchanged}${failed}.\n${table(['KEY ID', 'RESULT'], rows)}${stepsPart}${lockedOut}`;
}
