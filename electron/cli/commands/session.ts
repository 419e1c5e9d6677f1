import type { CommandSpec } from '../command-spec';
import { UsageError, stringArg } from '../command-spec';
import { profileCommand } from './profiles';

export const sessionStart: CommandSpec = profileCommand({
  words: ['session', 'start'],
  summary:
    'Start a session for a stored key now and keep it, e.g. with an MFA code where nothing could ask for one later.',
  profile: 'The key Keyward keeps as NAME',
  options: {
    'mfa-code': {
      type: 'string',
      value: 'CODE',
      help: 'The six digits your authenticator app shows (asked on the terminal when absent)',
    },
  },
  run: async (context, name, args) => {
    const code = stringArg(args, 'mfa-code') ?? null;
    const core = await context.core();
    const session = await core.credentials.start(name, {
      code,
      prompt: code === null ? await context.mfaPrompt() : null,
    });
    const ends = new Date(session.expiration);
    context.print(
      {
        profile: name,
        accessKeyId: session.accessKeyId,
        expiration: session.expiration,
        mfa: session.mfa,
      },
      () =>
        `Started a session for "${name}"${session.mfa ? ' with your MFA code' : ''}. The AWS CLI and SDKs use it until ${ends.toLocaleString()}.`,
    );
  },
});

export const sessionClear: CommandSpec = {
  words: ['session', 'clear'],
  summary:
    'Forget the sessions Keyward keeps (of one profile, or of all): the next use starts a new one.',
  usage: '[--profile NAME | --all]',
  options: {
    profile: { type: 'string', value: 'NAME', help: 'Only the sessions of the key kept as NAME' },
    all: { type: 'boolean', help: 'Every stored key’s sessions' },
  },
  run: async (context, args) => {
    const name = stringArg(args, 'profile');
    if (name === undefined && args.values['all'] !== true) {
      throw new UsageError('Say which sessions to forget: --profile NAME, or --all.');
    }
    if (name !== undefined && args.values['all'] === true) {
      throw new UsageError('Choose --profile NAME or --all, not both.');
    }
    const core = await context.core();
    if (name !== undefined) await core.deviceKeys.require(name);
    const cleared = await core.credentials.clear(name);
    context.print({ cleared }, () =>
      cleared.length === 0
        ? 'There was no session to forget.'
        : `Forgot the sessions of ${cleared.map((profile) => `"${profile}"`).join(', ')}. The next AWS command starts a new one.`,
    );
  },
};
