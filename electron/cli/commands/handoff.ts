import path from 'node:path';
import { AppError } from '../../core/errors';
import type { CommandSpec } from '../command-spec';
import { UsageError, flagArg, requiredArg, stringArg } from '../command-spec';

export const handoffOpen: CommandSpec = {
  words: ['handoff', 'open'],
  summary: 'Open a key file you were sent and keep the key in this computer’s keychain.',
  usage:
    'FILE --store PROFILE [--passphrase-stdin] [--key ID] [--keep-if-not-working] [--keep-other-account]',
  positionals: ['FILE'],
  options: {
    store: { type: 'string', value: 'PROFILE', help: 'Keep the key as PROFILE' },
    'passphrase-stdin': {
      type: 'boolean',
      help: 'Read the passphrase from the first line of stdin (for passphrase-locked files)',
    },
    key: { type: 'string', value: 'ID', help: 'Which key to keep, when the file holds several' },
    'keep-if-not-working': {
      type: 'boolean',
      help: 'Keep the key even if AWS does not accept it right now',
    },
    'keep-other-account': {
      type: 'boolean',
      help: 'Keep the key even if AWS says it belongs to another account than the file says',
    },
  },
  run: async (context, args) => {
    const file = path.resolve(args.positionals[0] ?? '');
    const profile = requiredArg(args, 'store');
    const core = await context.core();
    const { checkProfileName } = await import('../../core/vault/profile-store');
    checkProfileName(profile);
    const { readKeyFile } = await import('../../core/handoff/read-key-file');
    const bytes = await readKeyFile(file);
    const desk = core.handoff;
    const opened = await desk.open({
      kind: 'bytes',
      name: path.basename(file),
      base64: Buffer.from(bytes).toString('base64'),
    });
    if (!opened) throw new AppError('internal', 'The file could not be opened.', 'Try again.');
    let passphrase: string | null = null;
    if (opened.lock === 'passphrase') {
      if (!flagArg(args, 'passphrase-stdin')) {
        throw new UsageError(
          'This file is locked with a passphrase: pass it on stdin with --passphrase-stdin.',
        );
      }
      passphrase = await context.readStdinLine();
    }
    try {
      const unlocked = await desk.unlock(opened.token, passphrase);
      const wanted = stringArg(args, 'key');
      const index = wanted
        ? unlocked.keys.findIndex((key) => key.accessKeyId === wanted)
        : unlocked.keys.length === 1
          ? 0
          : -1;
      if (index < 0) {
        throw new UsageError(
          wanted
            ? `The file holds no key ${wanted}. It holds: ${unlocked.keys.map((key) => key.accessKeyId).join(', ')}.`
            : `The file holds ${String(unlocked.keys.length)} keys (${unlocked.keys.map((key) => key.accessKeyId).join(', ')}): choose one with --key.`,
        );
      }
      const claimed = await desk
        .claim(opened.token, index, profile, flagArg(args, 'keep-if-not-working'), {
          keepEvenIfOtherAccount: flagArg(args, 'keep-other-account'),
        })
        .catch((error: unknown) => {
          throw withOptionToInsist(error);
        });
      context.print(
        claimed,
        () =>
          `Kept ${claimed.profile.accessKeyId} (${claimed.verified?.arn ?? 'not checked with AWS'}) in this computer’s keychain as "${profile}".`,
      );
    } finally {
      desk.forget(opened.token);
    }
  },
};

/** The window offers a button to keep the key anyway; here, the person needs the option's name. */
function withOptionToInsist(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'key-other-account') return error;
  return new AppError(
    error.code,
    error.message,
    'The sender may have sent a key for another account than they meant to: ask them. To keep it anyway, run the command again with --keep-other-account.',
    { cause: error, ...(error.details ? { details: error.details } : {}) },
  );
}
