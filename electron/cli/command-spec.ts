import type { Core } from '../core/compose';
import type { SecretStore } from '../core/vault/secret-store';
import type { MfaPrompt } from '../core/sessions/mfa-prompt';
import type { Platform } from '../core/platform';
import type { NodePlatform } from './node-platform';

/** What the command line reads and writes; tests pass their own. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** How the AWS CLI should start Keyward (credential_process). Worked out when absent. */
  keywardCommand?: readonly string[];
  /**
   * Asks for an MFA code when a new session needs one: the packaged app's small window. Absent,
   * the terminal (/dev/tty) is asked when there is one.
   */
  mfaPrompt?: MfaPrompt;
  /**
   * Touch ID, asked before the long-term key is handed out: the packaged Mac app's. Absent (the
   * Node command line, Windows, Linux), the keychain's own locking protects the key.
   */
  confirmPresence?: Platform['confirmPresence'];
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** The value's placeholder in help, e.g. "NAME". */
  value?: string;
  help: string;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface CommandContext {
  io: CliIo;
  json: boolean;
  quiet: boolean;
  platform: NodePlatform;
  /** Keyward's core, created on first use (it loads more than --help needs). */
  core(): Promise<Core>;
  /** The keychain Keyward keeps keys in (for its health check). */
  secretStore(): Promise<SecretStore>;
  /** Signs in as --profile / --aws-profile (commands with `signsIn`). */
  signIn(args: ParsedArgs): Promise<Core>;
  /** Prints the result: `value` as JSON with --json, else the human text. */
  print(value: unknown, human: () => string): void;
  /** A progress or advice line on stderr, unless --quiet (never with a secret in it). */
  note(text: string): void;
  /** Asks yes/no on a terminal; false (without asking) when stdin is not one. */
  confirm(question: string): Promise<boolean>;
  readStdinLine(): Promise<string>;
  /** Who to ask for an MFA code (see CliIo.mfaPrompt); null when nobody can be asked. */
  mfaPrompt(): Promise<MfaPrompt | null>;
  /** The command for credential_process, refused when Keyward's program could move or be swapped. */
  keywardCommand(): Promise<readonly string[]>;
}

export interface CommandSpec {
  /** e.g. ['keys', 'create']. */
  words: string[];
  summary: string;
  /** The arguments after the command words, as shown in help. */
  usage: string;
  /** Names of required positional arguments, in order. */
  positionals?: string[];
  options: Record<string, OptionSpec>;
  /** Adds --profile / --aws-profile / --mfa-code for the identity Keyward signs in with. */
  signsIn?: boolean;
  /**
   * Everything after `--` is left unparsed, options included, and follows the positionals
   * (`keyward exec … -- COMMAND ARGS…`).
   */
  passThrough?: boolean;
  /** More explanation for the command's --help, below the summary. */
  details?: string;
  /** Resolves to the exit code when the command decides it (exec: its child's); else success. */
  run(context: CommandContext, args: ParsedArgs): Promise<void> | Promise<number>;
}

/** Bad arguments: exit code 2, with the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function stringArg(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredArg(args: ParsedArgs, name: string): string {
  const value = stringArg(args, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

export function flagArg(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function listArg(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
