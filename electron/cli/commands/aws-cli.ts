import type { AwsFiles } from '../../core/aws-config';
import { awsFiles } from '../../core/aws-config/aws-files';
import {
  defaultSessionSeconds,
  durationProblem,
  parseSessionDuration,
  useSentence,
} from '../../common/credential-use';
import type { UseRequest } from '../../core/sessions/credential-service';
import type { CommandSpec, ParsedArgs } from '../command-spec';
import { UsageError, requiredArg, stringArg } from '../command-spec';

/** The shared files as the AWS CLI run with this environment would find them. */
export function awsFilesFor(env: NodeJS.ProcessEnv): AwsFiles {
  return awsFiles(env, env['HOME'] || env['USERPROFILE'] || undefined);
}

export const cliSetup: CommandSpec = {
  words: ['cli', 'setup'],
  summary: 'Let the AWS CLI and SDKs use a stored key: adds credential_process to ~/.aws/config.',
  usage:
    '--profile NAME [--mode session|long-term] [--duration 15m..12h] [--mfa-serial ARN] [--region REGION]',
  options: {
    profile: {
      type: 'string',
      value: 'NAME',
      help: 'The key Keyward keeps as NAME (same AWS profile name)',
    },
    mode: {
      type: 'string',
      value: 'MODE',
      help: 'session (default): short-lived STS sessions; long-term: the key itself, for tools that must manage IAM without MFA',
    },
    duration: {
      type: 'string',
      value: 'LENGTH',
      help: 'How long each session lasts, 15m to 12h (default 1h)',
    },
    'mfa-serial': {
      type: 'string',
      value: 'ARN',
      help: 'The MFA device whose code starts a session (default: your user’s device, when the key may look it up)',
    },
    region: {
      type: 'string',
      value: 'REGION',
      help: 'Region to set if the profile has none (default: Keyward’s)',
    },
  },
  run: async (context, args) => {
    const name = requiredArg(args, 'profile');
    const request = useRequestFrom(args);
    const core = await context.core();
    await core.deviceKeys.require(name);
    const { use, lookup } = await core.credentials.setUp(name, request);
    const { setupCliProfile } = await import('../../core/aws-config');
    const region = stringArg(args, 'region') ?? (await core.settings.read()).region;
    const result = await setupCliProfile(name, {
      keywardCommand: await context.keywardCommand(),
      region,
      files: awsFilesFor(context.io.env),
    });
    if (lookup === 'not-allowed') {
      context.note(
        `This key may not look up its MFA device, so sessions start without a code. If your AWS policies require MFA, run this again with --mfa-serial ARN.`,
      );
    }
    context.print({ ...result, use }, () =>
      [
        result.changed
          ? `The AWS profile "${name}" now gets its key from Keyward (${result.configFile}).`
          : `The AWS profile "${name}" was already set up (${result.configFile}).`,
        `What the AWS CLI gets: ${useSentence(use)}`,
        `Try: aws sts get-caller-identity --profile ${name}`,
      ].join('\n'),
    );
  },
};

function useRequestFrom(args: ParsedArgs): UseRequest {
  const mode = stringArg(args, 'mode') ?? 'session';
  if (mode !== 'session' && mode !== 'long-term') {
    throw new UsageError('--mode is session or long-term.');
  }
  const durationText = stringArg(args, 'duration');
  const durationSeconds =
    durationText === undefined ? defaultSessionSeconds : parseSessionDuration(durationText);
  if (durationSeconds === null) {
    throw new UsageError(`"${durationText ?? ''}" is not a session length. ${durationProblem}`);
  }
  const mfaSerial = stringArg(args, 'mfa-serial');
  if (mode === 'long-term' && (durationText !== undefined || mfaSerial !== undefined)) {
    throw new UsageError('--duration and --mfa-serial are for --mode session only.');
  }
  return { mode, durationSeconds, ...(mfaSerial === undefined ? {} : { mfaSerial }) };
}

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
