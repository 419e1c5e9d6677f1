import { AppError } from '../../core/errors';
import type { RotationProgress, RotationWatch } from '../../core/rotation';
import type { CommandSpec } from '../command-spec';
import { UsageError, flagArg, requiredArg, stringArg } from '../command-spec';

const stepNotes: Record<RotationProgress['step'], string> = {
  'delete-retired': 'Deleted the old key kept from the last rotation.',
  'remove-other': 'Removed the other key to make room.',
  create: 'Created the new key.',
  stage: 'Kept the new key in the keychain.',
  prove: 'Checked that AWS accepts the new key.',
  switch: 'The profile now uses the new key.',
  deactivate: 'Deactivated the old key.',
  'delete-old': 'Deleted the old key.',
  finish: 'Done.',
  reactivate: 'Reactivated the old key.',
  restore: 'The profile uses the old key again.',
  'delete-new': 'Removed the new key.',
};

export const keysRotate: CommandSpec = {
  words: ['keys', 'rotate'],
  summary:
    'Replace a stored profile’s key with a new one, safely: the old key goes only once the new one works.',
  usage:
    '--profile NAME [--grace-days N] [--remove-other] | --profile NAME --resume | --profile NAME --rollback',
  options: {
    profile: {
      type: 'string',
      value: 'NAME',
      help: 'The key Keyward keeps as NAME (it signs the rotation)',
    },
    'grace-days': {
      type: 'string',
      value: 'N',
      help: 'Keep the old key inactive for N days before deleting it (default 0: delete at once)',
    },
    'remove-other': {
      type: 'boolean',
      help: 'If the user already has two keys, delete the other one first (only if inactive or unused)',
    },
    resume: { type: 'boolean', help: 'Finish a rotation that stopped part-way' },
    rollback: {
      type: 'boolean',
      help: 'Undo a rotation that stopped part-way, keeping the old key',
    },
  },
  run: async (context, args) => {
    const profile = requiredArg(args, 'profile');
    const resume = flagArg(args, 'resume');
    const rollback = flagArg(args, 'rollback');
    const grace = stringArg(args, 'grace-days');
    if (resume && rollback) throw new UsageError('Choose --resume or --rollback, not both.');
    if ((resume || rollback) && (grace !== undefined || flagArg(args, 'remove-other'))) {
      throw new UsageError(
        '--grace-days and --remove-other apply to a new rotation, not to --resume or --rollback.',
      );
    }
    const graceDays = grace === undefined ? 0 : Number(grace);
    if (!/^\d{1,3}$/.test(grace ?? '0') || graceDays > 365) {
      throw new UsageError('--grace-days must be a whole number of days from 0 to 365.');
    }
    const { rotation } = await context.core();
    const watch: RotationWatch = {
      onProgress: ({ step }) => {
        context.note(stepNotes[step]);
      },
    };
    if (rollback) {
      const result = await rotation.rollback(profile, watch);
      context.print(
        result,
        () =>
          `Rolled back: "${profile}" uses ${result.keptKeyId} again.${result.deletedKeyIds.length > 0 ? ` Deleted ${result.deletedKeyIds.join(', ')}.` : ''}`,
      );
      return;
    }
    const result = resume
      ? await rotation.resume(profile, watch)
      : await rotation
          .rotate(profile, { graceDays, removeOtherKey: flagArg(args, 'remove-other') }, watch)
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'key-limit') {
              throw new AppError(
                error.code,
                error.message,
                `${error.hint} To let Keyward delete it (only if inactive or unused), add --remove-other.`,
                { cause: error },
              );
            }
            throw error;
          });
    context.print(result, () => {
      const old =
        result.oldKey.state === 'deleted'
          ? `The old key ${result.oldKeyId} was deleted.`
          : `The old key ${result.oldKeyId} is inactive, kept until ${result.oldKey.deleteAfter.slice(0, 10)} in case something still needs it; the next rotation deletes it.`;
      return `Rotated "${profile}": it now uses ${result.newKeyId}. ${old}`;
    });
  },
};
