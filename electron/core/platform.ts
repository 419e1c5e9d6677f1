/**
 * What core needs from the desktop, so core never imports Electron. `electron/main` implements it
 * with Electron's APIs; the e2e harness and tests implement it in plain Node.
 */
export interface Platform {
  /** The OS family, to explain problems in that OS's own words. */
  readonly os: NodeJS.Platform;
  /** Folder for Keyward's non-secret files: settings, journal, activity log. */
  dataDir(): string;
  showSaveDialog(options: SaveDialogOptions): Promise<string | null>;
  showOpenDialog(options: OpenDialogOptions): Promise<string | null>;
  /** Asks for a folder (to write key files into); null when the person cancelled. */
  chooseFolder?(title: string): Promise<string | null>;
  /** Opens the file manager at `file`, selected in its folder. */
  showInFolder?(file: string): Promise<void>;
  readClipboard(): Promise<string>;
  /**
   * Replaces what the clipboard holds. `markers` (raw OS clipboard formats, see
   * core/clipboard/concealed-formats.ts) are written with the text in one go.
   */
  writeClipboard(text: string, markers?: Record<string, Uint8Array>): Promise<void>;
  openExternal(url: string): Promise<void>;
  /**
   * The person's Downloads folder, where the IAM console's key download lands; null (or absent)
   * where there is none to look in.
   */
  downloadsDir?(): string | null;
  /**
   * Asks the person in a dialog main shows (the page cannot fake or skip it). True when they
   * chose `confirm`.
   */
  confirm(question: ConfirmQuestion): Promise<boolean>;
  /**
   * Whether `confirmPresence` can ask now: Touch ID, on a Mac that has it set up. Absent where the
   * OS offers nothing Keyward can use; there the keychain's own locking protects a stored key.
   */
  canConfirmPresence?(): boolean;
  /**
   * Asks the person to prove they are at the computer (Touch ID) before a long-term secret leaves
   * the keychain. `reason` completes the OS's sentence "Keyward is trying to …".
   */
  confirmPresence?(reason: string): Promise<PresenceAnswer>;
}

/** `unavailable`: nothing could ask (no Touch ID, or none set up); the keychain's locking holds. */
export type PresenceAnswer = 'confirmed' | 'refused' | 'unavailable';

export interface ConfirmQuestion {
  title: string;
  message: string;
  detail: string;
  /** The button that goes ahead; the other is Cancel, the default. */
  confirm: string;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface SaveDialogOptions {
  title: string;
  defaultName: string;
  filters: FileFilter[];
}

export interface OpenDialogOptions {
  title: string;
  filters: FileFilter[];
}
