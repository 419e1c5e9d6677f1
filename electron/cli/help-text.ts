import type { CommandSpec, OptionSpec } from './command-spec';
import { adminCommands, globalOptions, personalCommands, signInOptions } from './command-table';
import { exitCodes } from './exit-codes';

export function usageLine(command: CommandSpec): string {
  return `keyward ${[...command.words, command.usage].filter(Boolean).join(' ')}`;
}

function listCommands(list: readonly CommandSpec[]): string {
  return list.map((command) => `  ${usageLine(command)}\n      ${command.summary}`).join('\n');
}

function listOptions(options: Record<string, OptionSpec>): string {
  const rows = Object.entries(options).map(([name, option]) => [
    `--${name}${option.value ? ` ${option.value}` : ''}`,
    option.help,
  ]);
  const width = Math.max(...rows.map(([flag]) => flag?.length ?? 0));
  return rows.map(([flag = '', help = '']) => `  ${flag.padEnd(width)}  ${help}`).join('\n');
}

export function mainHelp(): string {
  return `keyward: keep AWS access keys in the OS keychain, use them from the AWS CLI and SDKs without
plaintext files, create and hand them over encrypted, rotate and audit them.

Usage: keyward <command> [options]      keyward <command> --help for one command's options

Your keys on this computer:
${listCommands(personalCommands)}
  keyward credential-process --profile NAME
      Print a session of a stored key (or, in long-term mode, the key) as credential_process JSON. The AWS CLI runs this (see cli setup).

Administering keys (signed in with --profile NAME or --aws-profile NAME):
${listCommands(adminCommands)}

Signing in, for the administration commands:
${listOptions(signInOptions)}

Every command:
${listOptions(globalOptions)}

Secrets: a new key's secret is never printed. It goes to the keychain (--store), or into a key
file sealed to receiving codes or locked with a passphrase. Only credential-process prints a
secret, on stdout, for the AWS CLI. --passphrase prints the generated passphrase once.

Exit codes:
  ${String(exitCodes.ok)}  success
  ${String(exitCodes.failed)}  failed (AWS refused or failed, a file could not be written, …)
  ${String(exitCodes.usage)}  bad arguments or values (usage error)
  ${String(exitCodes.keychain)}  the OS keychain is locked, missing or refused access
  ${String(exitCodes.notFound)}  no such profile, user, key or file
  ${String(exitCodes.confirmation)}  needs confirmation: run again with --yes
  ${String(exitCodes.credentials)}  AWS did not accept the credentials, or they lack the permission
  ${String(exitCodes.rotationStopped)}  a rotation stopped part-way; its state is saved: --resume or --rollback
Errors are one line on stderr: "keyward: <what happened> <what to do>".

Environment:
  KEYWARD_DATA_DIR            Keyward's data folder (default: the app's, e.g. ~/.config/Keyward)
  KEYWARD_KEYCHAIN_SERVICE    Keychain service name (default: Keyward)
  AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE   The AWS CLI's files (default: ~/.aws/…)
  AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL_STS   Another IAM/STS endpoint
  AWS_PROFILE                 The AWS profile to sign in with when neither --profile nor --aws-profile is given
`;
}

export function commandHelp(command: CommandSpec): string {
  const options = {
    ...command.options,
    ...(command.signsIn ? signInOptions : {}),
  };
  const sections = [`Usage: ${usageLine(command)}`, command.summary];
  if (command.details) sections.push(command.details);
  if (Object.keys(options).length > 0) sections.push(`Options:\n${listOptions(options)}`);
  sections.push(`Every command:\n${listOptions(globalOptions)}`);
  return `${sections.join('\n\n')}\n`;
}

export function groupHelp(word: string, list: readonly CommandSpec[]): string {
  return `Usage:\n${list.map((command) => `  ${usageLine(command)}`).join('\n')}\n\nkeyward ${word} <command> --help for details.\n`;
}
