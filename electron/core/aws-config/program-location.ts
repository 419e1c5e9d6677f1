import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

/**
 * Chromium switches that let the packaged app's command mode start without a display (over SSH,
 * in cron, in containers). Electron has no `--headless`; the headless Ozone platform is the way.
 */
export const headlessSwitches: readonly string[] = ['--ozone-platform=headless', '--disable-gpu'];

export interface PackagedRuntime {
  os: NodeJS.Platform;
  /** process.execPath: inside an AppImage, a mount under /tmp that vanishes when Keyward quits. */
  execPath: string;
  env: NodeJS.ProcessEnv;
}

/**
 * How the AWS CLI should start the packaged app: the program file the person keeps (the AppImage
 * itself, never its temporary mount) and, on Linux, the switches for starting without a display.
 */
export function packagedCommand(runtime: PackagedRuntime): string[] {
  if (runtime.os !== 'linux') return [runtime.execPath];
  const appImage = runtime.env['APPIMAGE'];
  const program = appImage && path.posix.isAbsolute(appImage) ? appImage : runtime.execPath;
  return [program, ...headlessSwitches];
}

/** What Keyward needs to know of a folder to judge whether others could swap what is in it. */
export interface FolderFacts {
  mode: number;
  gid: number;
}

export type InspectFolder = (folder: string) => Promise<FolderFacts | null>;

const inspectRealFolder: InspectFolder = async (folder) => {
  try {
    const info = await stat(folder);
    return { mode: info.mode, gid: info.gid };
  } catch {
    return null;
  }
};

// macOS: /Applications is writable by the admin group, whose members can replace any app anyway.
const macAdminGroup = 80;

/**
 * Refuses to write a program path into `credential_process` that could stop existing or be swapped
 * by someone else: a macOS app run from a disk image or translocated by Gatekeeper (both paths go
 * away), or any path inside a folder others may write to (a folder there that disappears, such as
 * an AppImage mount in /tmp, can be re-created by another user, whose program would then run with
 * this person's AWS identity).
 */
export async function checkProgramLocation(
  command: readonly string[],
  os: NodeJS.Platform,
  inspect: InspectFolder = inspectRealFolder,
): Promise<void> {
  if (os === 'win32') return;
  for (const file of command.filter((arg) => path.posix.isAbsolute(arg))) {
    if (os === 'darwin' && (file.includes('/AppTranslocation/') || file.startsWith('/Volumes/'))) {
      throw new AppError(
        'invalid-input',
        'Keyward is running from the disk image or a temporary copy, so the AWS CLI could not find it later.',
        'Move Keyward to Applications, then set it up again.',
      );
    }
    const folder = await sharedFolderAbove(file, os, inspect);
    if (folder !== null) {
      throw new AppError(
        'invalid-input',
        `Keyward’s program is inside ${folder}, a folder other people on this computer can change, so the AWS CLI could end up running someone else’s program.`,
        'Install Keyward in your own folders or a system folder (for example Applications or /opt), then set it up again.',
      );
    }
  }
}

async function sharedFolderAbove(
  file: string,
  os: NodeJS.Platform,
  inspect: InspectFolder,
): Promise<string | null> {
  let folder = path.posix.dirname(file);
  for (;;) {
    const facts = await inspect(folder);
    if (facts !== null && othersMayWrite(facts, os)) return folder;
    const parent = path.posix.dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

function othersMayWrite({ mode, gid }: FolderFacts, os: NodeJS.Platform): boolean {
  const worldWritable = (mode & 0o002) !== 0;
  const groupWritable = (mode & 0o020) !== 0 && !(os === 'darwin' && gid === macAdminGroup);
  return worldWritable || groupWritable;
}

/** The program a `credential_process` value starts: its first word, with or without quotes. */
export function programOf(value: string): string | null {
  const trimmed = value.trim();
  const match = trimmed.startsWith('"') ? /^"([^"]+)"/.exec(trimmed) : /^(\S+)/.exec(trimmed);
  return match?.[1] ?? null;
}
