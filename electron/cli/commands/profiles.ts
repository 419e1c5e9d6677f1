import { AppError } from '../../core/errors';
import { useInBrief } from '../../common/credential-use';
import { askFirst, yesOption } from '../ask-first';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../command-spec';
import { requiredArg, stringArg } from '../command-spec';
import { day, table } from '../format';
import { awsFilesFor } from './aws-cli';

export const profilesList: CommandSpec = {
  words: ['profiles', 'list'],
  summary:
    'List the keys kept in this computer’s keychain, with AWS CLI set-up and rotation state.',
  usage: '',
  options: {},
  run: async (context) => {
    const core = await context.core();
    const { cliProfileState } = await import('../../core/aws-config');
    const files = awsFilesFor(context.io.env);
    const profiles = await Promise.all(
      (await core.deviceKeys.list()).map(async (profile) => ({
        ...profile,
        awsCli: (await cliProfileState(profile.name, { files })) === 'keyward',
        rotation: await core.rotation.status(profile.name),
      })),
    );
    if (profiles.length === 0) {
      // A locked keychain lists nothing: say so rather than "no keys".
      const { checkVault } = await import('../../core/vault/vault-status');
      const status = await checkVault(await context.secretStore(), context.platform.os);
      if (status.state === 'unavailable') {
        throw new AppError('vault-unavailable', status.message, status.hint);
      }
    }
    context.print(profiles, () =>
      profiles.length === 0
        ? 'No keys are kept on this computer yet.'
        : table(
            ['PROFILE', 'KEY ID', 'USER', 'ACCOUNT', 'CREATED', 'AWS CLI', 'ROTATION'],
            profiles.map((profile) => [
              profile.name,
              profile.accessKeyId,
              profile.userName,
              profile.accountId,
              day(profile.created),
              profile.awsCli ? useInBrief(profile.use) : 'no',
              profile.rotation.state === 'unfinished'
                ? `unfinished (after ${profile.rotation.step}): --resume or --rollback`
                : profile.rotation.state === 'retired'
                  ? `old key ${profile.rotation.accessKeyId} kept until ${day(profile.rotation.deleteAfter)}`
                  : '-',
            ]),
          ),
    );
  },
};

export const profilesRemove = profileCommand({
  words: ['profiles', 'remove'],
  summary:
    'Remove a key from this computer’s keychain (and its AWS CLI set-up). The key stays in AWS.',
  profile: 'The profile name',
  options: { yes: yesOption },
  run: async (context, name, args) => {
    const core = await context.core();
    const key = await core.deviceKeys.removable(name);
    await askFirst(
      context,
      args,
      `Remove the key ${key.accessKeyId} (${key.userName}) from this computer? Its secret cannot be shown again.`,
      `Removing "${name}" deletes the only copy of its secret on this computer.`,
    );
    // The same removal as the window's: refused during an unfinished rotation, and the AWS CLI
    // set-up and a retired key's record go with the key.
    const { awsCli } = await core.deviceKeys.remove(name, {
      files: awsFilesFor(context.io.env),
    });
    const fromConfig = awsCli?.removed ? ` and from ${awsCli.configFile}` : '';
    context.print(
      { profile: name, removed: true, awsCliRemoved: awsCli?.removed ?? false },
      () => `Removed "${name}" from this computer${fromConfig}. The key still exists in AWS.`,
    );
  },
});

export const profilesImport = profileCommand({
  words: ['profiles', 'import'],
  summary:
    'Move a plaintext key from ~/.aws/credentials into the keychain and point the profile at Keyward.',
  profile: 'The AWS profile holding the plaintext key',
  options: {
    region: { type: 'string', value: 'REGION', help: 'Region to set, if the profile has none' },
    yes: yesOption,
  },
  run: async (context, name, args) => {
    const core = await context.core();
    const { findPlaintextKey } = await import('../../core/aws-config');
    const files = awsFilesFor(context.io.env);
    const found = await findPlaintextKey(name, { files });
    if (!found) {
      throw new AppError(
        'not-found',
        `The AWS profile "${name}" has no plaintext key to import.`,
        'Check the name: aws configure list-profiles',
      );
    }
    await askFirst(
      context,
      args,
      `Move the key ${found.accessKeyId} of profile "${name}" from ${found.file} into the keychain, and remove it from that file?`,
      `Importing moves the key ${found.accessKeyId} out of ${found.file} and into the keychain.`,
      'Run again with --yes to go ahead.',
    );
    const result = await core.deviceKeys.importPlaintext(name, {
      keywardCommand: await context.keywardCommand(),
      region: stringArg(args, 'region') ?? null,
      files,
    });
    context.print(result, () =>
      [
        `Moved ${result.profile.accessKeyId} (${result.arn}) into the keychain as "${name}".`,
        `The AWS CLI now gets it from Keyward; the plaintext lines are gone from ${result.removedFrom}.`,
        ...(result.backups.length > 0
          ? [`Backups (without the secret): ${result.backups.join(', ')}`]
          : []),
      ].join('\n'),
    );
  },
});

/**
 * A command about one key kept on this computer: `--profile NAME`, required and read first, then
 * the command's own options, each optional (so help shows them in brackets).
 */
export function profileCommand(spec: {
  words: string[];
  summary: string;
  /** What --profile names, for help. */
  profile: string;
  options?: Record<string, OptionSpec>;
  run(context: CommandContext, name: string, args: ParsedArgs): Promise<void>;
}): CommandSpec {
  const options = spec.options ?? {};
  const optional = Object.entries(options).map(
    ([option, { value }]) => `[--${option}${value ? ` ${value}` : ''}]`,
  );
  return {
    words: spec.words,
    summary: spec.summary,
    usage: ['--profile NAME', ...optional].join(' '),
    options: { profile: { type: 'string', value: 'NAME', help: spec.profile }, ...options },
    run: (context, args) => spec.run(context, requiredArg(args, 'profile'), args),
  };
}
