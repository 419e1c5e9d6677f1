import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { SignInSource } from '../common/domain';
import { AppError } from '../core/errors';
import type { Core } from '../core/compose';
import type { SecretStore } from '../core/vault/secret-store';
import { describeError, setLogSink } from '../core/log';
import type { CliIo, CommandContext, CommandSpec, OptionSpec, ParsedArgs } from './command-spec';
import { UsageError, stringArg } from './command-spec';
import { commandsUnder, findCommand, globalOptions, signInOptions } from './command-table';
import { errorLine, exitCodeFor, exitCodes } from './exit-codes';
import { commandHelp, groupHelp, mainHelp, usageLine } from './help-text';
import { keychainServiceFrom } from './keychain-service';
import { NodePlatform } from './node-platform';
import { checkedSelfCommand } from './self-command';
import { mfaPromptFor } from './mfa-prompts';

/** Runs one command line and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'credential-process') {
    const { credentialProcess } = await import('./credential-output');
    return credentialProcess(argv.slice(1), io);
  }
  if (argv.length === 0) {
    io.stderr.write(mainHelp());
    return exitCodes.usage;
  }
  const [first = '', second] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    return showHelp(io, argv.slice(1));
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commandsUnder(first);
    if (group.length > 0 && (second === undefined || second === '--help' || second === '-h')) {
      io[second === undefined ? 'stderr' : 'stdout'].write(groupHelp(first, group));
      return second === undefined ? exitCodes.usage : exitCodes.ok;
    }
    io.stderr.write(
      errorLine(
        group.length > 0
          ? `"${first} ${second ?? ''}" is not a command.`
          : `"${first}" is not a command.`,
        'See "keyward --help" for the list of commands.',
      ),
    );
    return exitCodes.usage;
  }

  const { command, rest } = found;
  let args: ParsedArgs;
  try {
    args = parse(command, rest);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, command, error);
    throw error;
  }
  if (args.values['help'] === true) {
    io.stdout.write(commandHelp(command));
    return exitCodes.ok;
  }

  const quiet = args.values['quiet'] === true;
  const verbose = args.values['verbose'] === true;
  setLogSink(verbose ? (line) => io.stderr.write(`${line}\n`) : () => undefined);
  const session = new Session(io, args.values['json'] === true, quiet);
  try {
    return (await command.run(session.context, args)) ?? exitCodes.ok;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, command, error);
    return await failure(io, await session.explain(error), verbose);
  } finally {
    await session.close();
    setLogSink((line) => process.stderr.write(`${line}\n`));
  }
}

function showHelp(io: CliIo, words: readonly string[]): number {
  const found = words.length > 0 ? findCommand(words) : null;
  if (found) {
    io.stdout.write(commandHelp(found.command));
  } else if (words[0] && commandsUnder(words[0]).length > 0) {
    io.stdout.write(groupHelp(words[0], commandsUnder(words[0])));
  } else {
    io.stdout.write(mainHelp());
  }
  return exitCodes.ok;
}

function parse(command: CommandSpec, rest: string[]): ParsedArgs {
  const specs: Record<string, OptionSpec> = {
    ...globalOptions,
    ...(command.signsIn ? signInOptions : {}),
    ...command.options,
  };
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}) };
  }
  options['help'] = { type: 'boolean', short: 'h' };
  // A passThrough command (exec) gets the words after the first "--" as they are.
  const end = command.passThrough ? rest.indexOf('--') : -1;
  const passed = end >= 0 ? rest.slice(end + 1) : [];
  let parsed;
  try {
    const own = end >= 0 ? rest.slice(0, end) : rest;
    parsed = parseArgs({ args: own, options, strict: true, allowPositionals: true });
  } catch (error) {
    // Node's messages go on to explain "--" for positionals; the first sentence is the point.
    const message = error instanceof Error ? error.message.split('. To specify')[0] : undefined;
    throw new UsageError(
      `${message ?? 'Those arguments are not understood'}.`.replace(/\.\.$/, '.'),
    );
  }
  const expected = command.positionals ?? [];
  if (parsed.values['help'] !== true && parsed.positionals.length !== expected.length) {
    const extra = parsed.positionals[expected.length];
    throw new UsageError(
      extra !== undefined
        ? `Unexpected argument "${extra}".`
        : `${expected[parsed.positionals.length] ?? 'An argument'} is missing.`,
    );
  }
  return { values: parsed.values, positionals: [...parsed.positionals, ...passed] };
}

function usageFailure(io: CliIo, command: CommandSpec, error: UsageError): number {
  io.stderr.write(errorLine(error.message, `Usage: ${usageLine(command)}`));
  return exitCodes.usage;
}

async function failure(io: CliIo, error: unknown, verbose: boolean): Promise<number> {
  const { RotationError, UnfinishedRotationError } =
    await import('../core/rotation/rotation-error');
  if (error instanceof RotationError || error instanceof UnfinishedRotationError) {
    const next = `Resume: keyward keys rotate --profile ${error.profile} --resume  Roll back: keyward keys rotate --profile ${error.profile} --rollback`;
    io.stderr.write(errorLine(error.message, `${error.hint} ${next}`));
    return exitCodes.rotationStopped;
  }
  if (error instanceof AppError) {
    io.stderr.write(errorLine(error.message, error.hint));
    return exitCodeFor(error.code);
  }
  if (verbose) io.stderr.write(`${describeError(error)}\n`);
  io.stderr.write(
    errorLine(
      'Something went wrong inside Keyward.',
      'Try again with --verbose; if it keeps happening, report the problem.',
    ),
  );
  return exitCodes.failed;
}

/** One command's context: the core is created on first use and shut down at the end. */
class Session {
  readonly context: CommandContext;
  readonly #io: CliIo;
  readonly #platform: NodePlatform;
  #core: { core: Core; secretStore: SecretStore } | undefined;

  constructor(io: CliIo, json: boolean, quiet: boolean) {
    this.#io = io;
    this.#platform = new NodePlatform(io.env);
    this.context = {
      io,
      json,
      quiet,
      platform: this.#platform,
      core: async () => (await this.#open()).core,
      secretStore: async () => (await this.#open()).secretStore,
      signIn: (args) => this.#signIn(args),
      print: (value, human) => {
        io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
      },
      note: (text) => {
        if (!quiet) io.stderr.write(`${text}\n`);
      },
      confirm: (question) => this.#confirm(question),
      readStdinLine: () => readLine(io.stdin),
      mfaPrompt: () => Promise.resolve(mfaPromptFor(io)),
      keywardCommand: async () => io.keywardCommand ?? (await checkedSelfCommand(io.env)),
    };
  }

  async close(): Promise<void> {
    await this.#core?.core.shutdown();
  }

  /**
   * A locked Secret Service collection answers reads with "nothing here", which would make a
   * stored profile look missing: a "not found" is checked against the keychain's state first.
   */
  async explain(error: unknown): Promise<unknown> {
    if (!(error instanceof AppError && error.code === 'not-found' && this.#core)) return error;
    const { checkVault } = await import('../core/vault/vault-status');
    const status = await checkVault(this.#core.secretStore, this.#platform.os);
    return status.state === 'ready'
      ? error
      : new AppError('vault-unavailable', status.message, status.hint, { cause: error });
  }

  async #open(): Promise<{ core: Core; secretStore: SecretStore }> {
    if (!this.#core) {
      const service = keychainServiceFrom(this.#io.env);
      const [{ createCore }, { KeytarStore }] = await Promise.all([
        import('../core/compose'),
        import('../core/vault/keytar-store'),
      ]);
      const secretStore = new KeytarStore({ os: this.#platform.os, service });
      this.#core = { core: createCore(this.#platform, secretStore), secretStore };
    }
    return this.#core;
  }

  async #signIn(args: ParsedArgs): Promise<Core> {
    const { core } = await this.#open();
    const profile = stringArg(args, 'profile');
    const awsProfile = stringArg(args, 'aws-profile');
    if (profile !== undefined && awsProfile !== undefined) {
      throw new UsageError('Choose --profile (a key Keyward keeps) or --aws-profile, not both.');
    }
    const source: SignInSource =
      profile !== undefined
        ? { kind: 'stored-key', profile }
        : { kind: 'aws-profile', name: awsProfile ?? (this.#io.env['AWS_PROFILE'] || 'default') };
    const code = stringArg(args, 'mfa-code');
    try {
      await core.session.signIn(source, code);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'mfa-required' && code === undefined) {
        const typed = await this.#ask(
          `MFA code for ${error.details?.mfaSerial ?? 'your device'}: `,
        );
        if (typed) {
          await core.session.signIn(source, typed);
          return core;
        }
        throw new AppError(
          error.code,
          error.message,
          'Pass the current code with --mfa-code CODE.',
        );
      }
      if (profile === undefined && awsProfile === undefined && error.code === 'bad-credentials') {
        throw new AppError(
          error.code,
          `Keyward could not sign in with the AWS profile "${source.kind === 'aws-profile' ? source.name : ''}".`,
          'Choose who to sign in as: --profile NAME (a key Keyward keeps) or --aws-profile NAME.',
          { cause: error },
        );
      }
      throw error;
    }
    return core;
  }

  async #confirm(question: string): Promise<boolean> {
    const answer = await this.#ask(`${question} [y/N] `);
    return answer !== null && /^y(es)?$/i.test(answer.trim());
  }

  /** A question on a terminal; null without asking when stdin is not one (scripts use flags). */
  async #ask(question: string): Promise<string | null> {
    if (this.#io.stdin.isTTY !== true) return null;
    this.#io.stderr.write(question);
    return (await readLine(this.#io.stdin)).trim();
  }
}

/** The first line of stdin, without its line ending ('' when stdin ends first). */
async function readLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: stdin, terminal: false, crlfDelay: Infinity });
  try {
    return await new Promise<string>((resolve) => {
      lines.once('line', resolve);
      lines.once('close', () => {
        resolve('');
      });
    });
  } finally {
    lines.close();
  }
}
