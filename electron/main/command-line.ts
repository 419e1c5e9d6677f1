import { app, systemPreferences } from 'electron';
import { headlessSwitches } from '../core/aws-config/program-location';
import { commandWords } from '../cli/command-words';
import { flushOutput } from '../cli/flush-output';
import { terminalPrompt } from '../cli/mfa-prompts';
import { mfaWindowCommand } from './mfa-window/window-command';
import { windowMfaPrompt } from './mfa-window/window-prompt';
import { touchIdOn } from './touch-id';

/**
 * The arguments after the executable (and, in development, after the app folder), when they name
 * a `keyward` command; null when Keyward should open its window. The switches written before the
 * command for starting without a display are skipped. A double-clicked .keyward file is not a
 * command.
 */
export function commandLineArguments(argv: readonly string[], packaged: boolean): string[] | null {
  const args = argv.slice(packaged ? 1 : 2);
  let first = 0;
  while (args[first] !== undefined && headlessSwitches.includes(args[first] ?? '')) first++;
  const command = args.slice(first);
  return command[0] !== undefined && commandWords.has(command[0]) ? command : null;
}

/**
 * Runs the command line inside the packaged app's main process, without a window: with the
 * RunAsNode fuse off this is how `credential_process` reaches Keyward's keychain entries.
 */
export async function runCommandLine(args: string[]): Promise<void> {
  app.dock?.hide();
  const { runCli } = await import('../cli/run-cli');
  // This process may have no display: an MFA code is asked in a window of a second process,
  // started only when a code is needed (mfa-window/), else on the terminal.
  const mfaPrompt = windowMfaPrompt({
    command: mfaWindowCommand({
      packaged: app.isPackaged,
      execPath: process.execPath,
      appPath: app.getAppPath(),
      os: process.platform,
      env: process.env,
    }),
    fallback: () => terminalPrompt(),
  });
  const code = await runCli(args, {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    mfaPrompt,
    // The same Touch ID as ElectronPlatform's, asked before a long-term key is handed out.
    confirmPresence: async (reason) => {
      await app.whenReady();
      return touchIdOn(process.platform, systemPreferences).confirm(reason);
    },
  });
  mfaPrompt.close();
  await flushOutput([process.stdout, process.stderr]);
  app.exit(code);
}
