import type { CommandSpec, OptionSpec } from './command-spec';
import { activity } from './commands/activity';
import { audit, identityShow, usersList, whoami } from './commands/account';
import { cliRemove, cliSetup } from './commands/aws-cli';
import { exec } from './commands/exec';
import { handoffOpen } from './commands/handoff';
import { identityPublish, identityUnpublish } from './commands/identity';
import { importConsoleCsv } from './commands/import';
import { keysActivate, keysDeactivate, keysDelete, keysList } from './commands/keys';
import { keysCreate } from './commands/keys-create';
import { keysDescribe } from './commands/keys-describe';
import { lostList, lostResolve } from './commands/lost';
import { profilesExport, profilesImport, profilesList, profilesRemove } from './commands/profiles';
import { profilesCheck } from './commands/profiles-check';
import { keysRotate } from './commands/rotate';
import { sessionClear, sessionStart } from './commands/session';
import { usersOffboard } from './commands/users';

/** Commands for the person whose keys these are, then for admins; help lists them in this order. */
export const personalCommands: CommandSpec[] = [
  cliSetup,
  cliRemove,
  sessionStart,
  sessionClear,
  exec,
  profilesList,
  profilesCheck,
  profilesImport,
  profilesRemove,
  profilesExport,
  keysRotate,
  handoffOpen,
  importConsoleCsv,
  identityShow,
  identityPublish,
  identityUnpublish,
  activity,
];

export const adminCommands: CommandSpec[] = [
  whoami,
  usersList,
  keysList,
  keysCreate,
  keysDescribe,
  keysActivate,
  keysDeactivate,
  keysDelete,
  usersOffboard,
  lostList,
  lostResolve,
  audit,
];

export const commands = [...personalCommands, ...adminCommands];

export const globalOptions: Record<string, OptionSpec> = {
  json: { type: 'boolean', help: 'Print the result as JSON' },
  quiet: { type: 'boolean', help: 'Print no progress or advice on stderr' },
  verbose: { type: 'boolean', help: 'Also print Keyward’s log lines on stderr (never secrets)' },
  help: { type: 'boolean', help: 'Show help for the command' },
};

export const signInOptions: Record<string, OptionSpec> = {
  profile: {
    type: 'string',
    value: 'NAME',
    help: 'Sign in with the key Keyward keeps as NAME',
  },
  'aws-profile': {
    type: 'string',
    value: 'NAME',
    help: 'Sign in with a profile of your AWS config (SSO, roles, MFA); default $AWS_PROFILE or "default"',
  },
  'mfa-code': {
    type: 'string',
    value: 'CODE',
    help: 'The current 6-digit MFA code, when the AWS profile asks for one',
  },
};

/** The command named by the first words of `argv`, and the arguments after them. */
export function findCommand(
  argv: readonly string[],
): { command: CommandSpec; rest: string[] } | null {
  for (const command of commands) {
    if (command.words.every((word, index) => argv[index] === word)) {
      return { command, rest: argv.slice(command.words.length) };
    }
  }
  return null;
}

/** The commands starting with `word`, e.g. for `keyward keys` without a subcommand. */
export function commandsUnder(word: string): CommandSpec[] {
  return commands.filter((command) => command.words[0] === word);
}
