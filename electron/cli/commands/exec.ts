import { AppError } from '../../core/errors';
import type { CommandSpec } from '../command-spec';
import { UsageError, flagArg, requiredArg } from '../command-spec';
import { errorLine } from '../exit-codes';
import { awsFilesFor } from './aws-cli';

/** A shell's exit codes for a command it could not find, or found but could not run. */
const notFoundExit = 127;
const cannotRunExit = 126;

export const exec: CommandSpec = {
  words: ['exec'],
  summary:
    'Run a command with a stored key’s credentials, e.g. keyward exec --profile work -- aws s3 ls',
  usage: '--profile NAME [--long-term] -- COMMAND [ARGS…]',
  passThrough: true,
  details: `The command gets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in its environment, with
AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION for a session; AWS_REGION and AWS_DEFAULT_REGION
when the AWS profile NAME has a region in ~/.aws/config; and KEYWARD_EXEC_PROFILE=NAME. AWS_PROFILE
is taken out, so the command cannot pick up another profile. A keyward exec inside another refuses.

By default the credentials are a short STS session (one hour, or as set with cli setup), reused
from the keychain while it lasts; Keyward asks for your MFA code when the key needs one.
--long-term gives the key itself: only for tools that must manage IAM without MFA.

Everything after -- is the command, exactly as typed. Its input, output and signals (Ctrl+C)
pass through; keyward ends with the command’s exit code (128 + the signal’s number when a
signal ended it, 127 when the command was not found, 126 when it could not be run).

Examples:
  keyward exec --profile work -- aws s3 ls
  keyward exec --profile work -- sh -c 'echo "$AWS_REGION"'
  keyward exec --profile admin --long-term -- terraform apply`,
  options: {
    profile: {
      type: 'string',
      value: 'NAME',
      help: 'The key Keyward keeps as NAME',
    },
    'long-term': {
      type: 'boolean',
      help: 'Give the long-term key instead of a session (no session token, no end)',
    },
  },
  run: async (context, args) => {
    const { childEnvironment, execMarker, profileRegion, runChild } = await import('../exec');
    const outer = context.io.env[execMarker];
    if (outer) {
      throw new AppError(
        'conflict',
        `This shell or program already runs inside "keyward exec" for "${outer}", so Keyward did not start another.`,
        'Run the command directly (the credentials are already in its environment), or type exit to leave the outer one first.',
      );
    }
    const profile = requiredArg(args, 'profile');
    const [command, ...commandArgs] = args.positionals;
    if (command === undefined || command === '') {
      throw new UsageError(
        'Name the command to run after "--", for example: keyward exec --profile work -- aws s3 ls',
      );
    }
    const longTerm = flagArg(args, 'long-term');

    const core = await context.core();
    const { confirmPresence } = context.io;
    if (longTerm && confirmPresence) {
      // The packaged Mac app: Touch ID before the long-term key leaves the keychain, as for
      // credential_process in long-term mode.
      const { confirmLongTermHandOut } = await import('../long-term-presence');
      await confirmLongTermHandOut(profile, { env: context.io.env, confirmPresence });
    }
    const credentials = await core.credentials.serve(profile, {
      mode: longTerm ? 'long-term' : 'session',
      prompt: await context.mfaPrompt(),
    });
    const { region, problem } = await profileRegion(profile, awsFilesFor(context.io.env));
    if (problem) context.note(`${problem} The command runs without the profile’s region.`);

    const env = childEnvironment(context.io.env, { profile, credentials, region });
    const outcome = await runChild(command, commandArgs, env, context.io);
    if (outcome.started) return outcome.exitCode;
    // Only the command's name: its arguments may hold anything, and the environment holds secrets.
    if (outcome.reason === 'not-found') {
      context.io.stderr.write(
        errorLine(
          `The command "${command}" was not found, so nothing ran.`,
          'Check its name, or give its full path (it is looked for in the folders of PATH, as a shell does).',
        ),
      );
      return notFoundExit;
    }
    context.io.stderr.write(
      errorLine(
        `Keyward could not run "${command}" (${outcome.errorCode}).`,
        'Check that it is a program, or a script you may run (chmod +x), then try again.',
      ),
    );
    return cannotRunExit;
  },
};
