/**
 * The hidden word that starts Keyward as the MFA window only (run-mfa-window.ts). Not a command
 * of the command line: `keyward --help` does not list it, and it is no use to people.
 */
export const mfaWindowWord = 'mfa-window';

/** True when this process was started to show the MFA window (by windowMfaPrompt). */
export function isMfaWindowLaunch(argv: readonly string[], packaged: boolean): boolean {
  // Switches may come first (Chromium's, or a test runner's), and in development the app folder.
  const words = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  return words[packaged ? 0 : 1] === mfaWindowWord;
}

export interface RunningProgram {
  packaged: boolean;
  /** process.execPath: Keyward itself when packaged, Electron in development. */
  execPath: string;
  /** app.getAppPath(): the app folder development builds run from. */
  appPath: string;
  os: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/**
 * How the command process starts the MFA window: the same program without the switches for
 * starting without a display. Null when no window can be shown: Linux with no display.
 */
export function mfaWindowCommand(program: RunningProgram): string[] | null {
  if (program.os === 'linux' && !program.env['DISPLAY'] && !program.env['WAYLAND_DISPLAY']) {
    return null;
  }
  return [program.execPath, ...(program.packaged ? [] : [program.appPath]), mfaWindowWord];
}
