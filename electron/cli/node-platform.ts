import os from 'node:os';
import path from 'node:path';
import { AppError } from '../core/errors';
import type {
  ConfirmQuestion,
  OpenDialogOptions,
  Platform,
  SaveDialogOptions,
} from '../core/platform';

/**
 * Keyward's data folder, the same one the window uses (Electron's userData for "Keyward"), so
 * the command line and the app share settings, the journal, the activity log and rotations.
 * KEYWARD_DATA_DIR overrides it (tests, portable set-ups).
 */
export function dataDirFor(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env['KEYWARD_DATA_DIR'];
  if (override) return path.resolve(override);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Keyward');
  if (platform === 'win32') {
    return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Keyward');
  }
  return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), 'Keyward');
}

/**
 * The Platform seam for the command line: no windows, so no dialogs or clipboard. A "save"
 * dialog is answered with the file named on the command line (`--out FILE`).
 */
export class NodePlatform implements Platform {
  readonly os: NodeJS.Platform;
  readonly #dataDir: string;
  #savePath: string | null = null;

  constructor(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform) {
    this.os = platform;
    this.#dataDir = dataDirFor(env, platform);
  }

  dataDir(): string {
    return this.#dataDir;
  }

  /** The file the next save dialog answers with, once. */
  answerNextSave(file: string): void {
    this.#savePath = file;
  }

  showSaveDialog(_options: SaveDialogOptions): Promise<string | null> {
    const file = this.#savePath;
    this.#savePath = null;
    return Promise.resolve(file);
  }

  showOpenDialog(_options: OpenDialogOptions): Promise<string | null> {
    return Promise.resolve(null);
  }

  readClipboard(): Promise<string> {
    return Promise.reject(noDesktop('the clipboard'));
  }

  writeClipboard(_text: string): Promise<void> {
    return Promise.reject(noDesktop('the clipboard'));
  }

  openExternal(_url: string): Promise<void> {
    return Promise.reject(noDesktop('a browser'));
  }

  downloadsDir(): string {
    return path.join(os.homedir(), 'Downloads');
  }

  /** The command line asks its own questions (and takes --yes), never through here. */
  confirm(_question: ConfirmQuestion): Promise<boolean> {
    return Promise.reject(noDesktop('a dialog'));
  }
}

function noDesktop(what: string): AppError {
  return new AppError(
    'invalid-input',
    `The command line does not use ${what}.`,
    'Use the Keyward window for this.',
  );
}
