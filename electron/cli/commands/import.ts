import path from 'node:path';
import type { CommandSpec } from '../command-spec';
import { flagArg, requiredArg } from '../command-spec';

export const importConsoleCsv: CommandSpec = {
  words: ['import'],
  summary:
    'Keep the key from the AWS console’s download (<user>_accessKeys.csv) in this computer’s keychain.',
  usage: 'FILE --store PROFILE [--delete-original]',
  positionals: ['FILE'],
  options: {
    store: { type: 'string', value: 'PROFILE', help: 'Keep the key as PROFILE' },
    'delete-original': {
      type: 'boolean',
      help: 'Then overwrite the plaintext file with zeros and delete it',
    },
  },
  details: [
    'FILE is the .csv file the IAM console gives with “Download .csv file”: the header',
    '"Access key ID,Secret access key" and one key. Keyward checks the key with AWS (STS), refuses',
    'a key it already keeps, and never prints the secret. --delete-original does not reach backups,',
    'the Recycle Bin or Trash, or synced copies (Dropbox, OneDrive, iCloud Drive).',
  ].join('\n'),
  run: async (context, args) => {
    const file = path.resolve(args.positionals[0] ?? '');
    const profile = requiredArg(args, 'store');
    const core = await context.core();
    const { checkProfileName } = await import('../../core/vault/profile-store');
    checkProfileName(profile);
    const deleteOriginal = flagArg(args, 'delete-original');
    const result = await core.consoleCsv.importFile(file, profile, { deleteOriginal });
    context.print(
      {
        profile: result.profile,
        arn: result.arn,
        deleted: result.deleted,
        ...(result.deleted ? { notReached: result.deletionLimits } : {}),
      },
      () =>
        [
          `Kept ${result.profile.accessKeyId} (${result.arn}) in this computer’s keychain as "${profile}".`,
          result.deleted
            ? `Overwrote ${result.deleted} with zeros and deleted it. ${result.deletionLimits}`
            : `${file} still holds the key in plain text: delete it, or run again with --delete-original.`,
        ].join('\n'),
    );
  },
};
