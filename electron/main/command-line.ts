import { app } from 'electron';
import { commandWords } from '../cli/command-words';

/**
 * The arguments after the executable (and, in development, after the app folder), when they name
 * a `keyward` command; null when Keyward should open its window. A double-clicked .keyward file
 * is not a command.
 */
export function commandLineArguments(argv: readonly string[], packaged: boolean): string[] | null {
  const args = argv.slice(packaged ? 1 : 2);
  return args[0] !== undefined && commandWords.has(args[0]) ? args : null;
}

/**
 * Runs the command line inside the packaged app's main process, without a window: with the
 * RunAsNode fuse off this is how `credential_process` reaches Keyward's keychain entries.
 */
export async function runCommandLine(args: string[]): Promise<void> {
  app.dock?.hide();
  if (app.isPackaged) process.env['KEYWARD_LAUNCHER'] ??= process.execPath;
  const { runCli } = await import('../cli/run-cli');
  const code = await runCli(args, {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  });
  app.exit(code);
}
