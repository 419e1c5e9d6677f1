import type { AwsFiles } from '../../core/aws-config';
import { awsFiles } from '../../core/aws-config/aws-files';
import type { CommandSpec } from '../command-spec';
import { requiredArg, stringArg } from '../command-spec';

/** The shared files as the AWS CLI run with this environment would find them. */
export function awsFilesFor(env: NodeJS.ProcessEnv): AwsFiles {
  return awsFiles(env, env['HOME'] || env['USERPROFILE'] || undefined);
}

export const cliSetup: CommandSpec = {
  words: ['cli', 'setup'],
  summary: 'Let the AWS CLI and SDKs use a stored key: adds credential_process to ~/.aws/config.',
  usage: '--profile NAME [--region REGION]',
  options: {
    profile: {
      type: 'string',
      value: 'NAME',
      help: 'The key Keyward keeps as NAME (same AWS profile name)',
    },
    region: {
      type: 'string',
      value: 'REGION',
      help: 'Region to set if the profile has none (default: Keyward’s)',
    },
  },
  run: async (context, args) => {
    const name = requiredArg(args, 'profile');
    const core = await context.core();
    await core.deviceKeys.require(name);
    const { setupCliProfile } = await import('../../core/aws-config');
    const region = stringArg(args, 'region') ?? (await core.settings.read()).region;
    const result = await setupCliProfile(name, {
      keywardCommand: await context.keywardCommand(),
      region,
      files: awsFilesFor(context.io.env),
    });
    context.print(result, () =>
      result.changed
        ? `The AWS profile "${name}" now gets its key from Keyward (${result.configFile}). Try: aws sts get-caller-identity --profile ${name}`
        : `The AWS profile "${name}" was already set up (${result.configFile}).`,
    );
  },
};

export const cliRemove: CommandSpec = {
  words: ['cli', 'remove'],
  summary: 'Undo cli setup: remove Keyward’s lines for the profile from ~/.aws/config.',
  usage: '--profile NAME',
  options: {
    profile: { type: 'string', value: 'NAME', help: 'The AWS profile name' },
  },
  run: async (context, args) => {
    const name = requiredArg(args, 'profile');
    const { removeCliProfile } = await import('../../core/aws-config');
    const result = await removeCliProfile(name, { files: awsFilesFor(context.io.env) });
    context.print(result, () =>
      result.removed
        ? `Removed Keyward’s set-up of "${name}" from ${result.configFile}.`
        : `${result.configFile} has nothing of Keyward’s for "${name}".`,
    );
  },
};
