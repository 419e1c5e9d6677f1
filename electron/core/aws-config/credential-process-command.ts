import path from 'node:path';
import { AppError } from '../errors';

/**
 * The `credential_process` value for a profile. AWS's docs ask for the program's path in double
 * quotes when it may contain spaces. The AWS CLI splits the value like a POSIX shell (Windows:
 * like CommandLineToArgvW) and the JavaScript SDK hands it to a real shell, so every argument is
 * either plain or double-quoted, and characters that either reader would interpret inside double
 * quotes are refused rather than escaped.
 */
export function credentialProcessCommand(
  keywardCommand: readonly string[],
  profile: string,
  os: NodeJS.Platform = process.platform,
): string {
  const [program, ...rest] = keywardCommand;
  if (program === undefined) {
    throw new AppError(
      'internal',
      'Keyward does not know where its own program is.',
      'Reinstall Keyward.',
    );
  }
  const absolute = os === 'win32' ? path.win32.isAbsolute(program) : path.posix.isAbsolute(program);
  if (!absolute) {
    throw new AppError(
      'internal',
      'Keyward could not find the full path of its own program.',
      'Run Keyward from its installed location, then try again.',
    );
  }
  for (const arg of keywardCommand) checkArgument(arg, os);
  return [
    quote(program),
    ...rest.map(quoteIfNeeded),
    'credential-process',
    '--profile',
    profile,
  ].join(' ');
}

/** Whether a `credential_process` value is one Keyward wrote for this profile. */
export function isKeywardCommand(value: string, profile: string): boolean {
  const escaped = profile.replace(/[.]/g, '\\.');
  return new RegExp(`(?:^|\\s)credential-process\\s+--profile\\s+("?)${escaped}\\1\\s*$`).test(
    value,
  );
}

function checkArgument(arg: string, os: NodeJS.Platform): void {
  // Inside double quotes a POSIX shell still expands $ and ` and treats \ as an escape; cmd.exe
  // expands %VAR%. None of them belongs in a path Keyward would run from.
  const unsafe = os === 'win32' ? /["%\p{Cc}]/u : /["$`\\\p{Cc}]/u;
  if (unsafe.test(arg)) {
    throw new AppError(
      'invalid-input',
      'Keyward’s program path contains characters the AWS CLI would misread (such as quotes or $).',
      'Install or move Keyward to a folder whose path has only letters, digits, spaces, dots, dashes and slashes.',
    );
  }
}

function quote(arg: string): string {
  return `"${arg}"`;
}

function quoteIfNeeded(arg: string): string {
  return /^[A-Za-z0-9._/:=@+,-]+$/.test(arg) ? arg : quote(arg);
}
