import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  ConfirmQuestion,
  OpenDialogOptions,
  Platform,
  PresenceAnswer,
  SaveDialogOptions,
} from '../electron/core/platform';

/**
 * The Platform seam for tests and the browser demo: a real data folder on disk, dialogs answered
 * from a queue the test fills, and an in-memory clipboard the test can read.
 */
export class TestPlatform implements Platform {
  readonly os = process.platform;
  readonly openedUrls: string[] = [];
  readonly dialogs: {
    save: SaveDialogOptions[];
    open: OpenDialogOptions[];
    confirm: ConfirmQuestion[];
  } = {
    save: [],
    open: [],
    confirm: [],
  };
  #confirmAnswers: boolean[] = [];
  /**
   * Touch ID as a test scripts it: none (as on Linux and Windows) until a test sets this, then
   * answered from `answerNextTouchId`.
   */
  touchIdAvailable = false;
  /** The reasons Touch ID was asked with, in order (only when it was available). */
  readonly touchIdReasons: string[] = [];
  #touchIdAnswers: PresenceAnswer[] = [];
  clipboard = '';
  /** The Downloads folder Keyward looks in at start: none until a test sets one. */
  downloads: string | null = null;
  /** Every clipboard write, with the names of the OS markers written beside the text. */
  readonly clipboardWrites: { text: string; markers: string[] }[] = [];
  #dataDir: string;
  #saveAnswers: (string | null)[] = [];
  #openAnswers: (string | null)[] = [];
  #folderAnswers: (string | null)[] = [];
  /** Files "Show in folder" opened the file manager at, in order. */
  readonly shownInFolder: string[] = [];

  constructor(dataDir?: string) {
    this.#dataDir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'keyward-data-'));
  }

  dataDir(): string {
    return this.#dataDir;
  }

  /** The next save dialog answers with this path (null: the person pressed Cancel). */
  answerNextSave(filePath: string | null): void {
    this.#saveAnswers.push(filePath);
  }

  answerNextOpen(filePath: string | null): void {
    this.#openAnswers.push(filePath);
  }

  /** The next folder chooser answers with this folder (null: the person pressed Cancel). */
  answerNextFolder(folder: string | null): void {
    this.#folderAnswers.push(folder);
  }

  chooseFolder(_title: string): Promise<string | null> {
    return Promise.resolve(this.#folderAnswers.shift() ?? null);
  }

  showInFolder(file: string): Promise<void> {
    this.shownInFolder.push(file);
    return Promise.resolve();
  }

  /** The next question main asks is answered so (unanswered: Cancel, as the default is). */
  answerNextConfirm(yes: boolean): void {
    this.#confirmAnswers.push(yes);
  }

  confirm(question: ConfirmQuestion): Promise<boolean> {
    this.dialogs.confirm.push(question);
    return Promise.resolve(this.#confirmAnswers.shift() ?? false);
  }

  /** The next Touch ID question is answered so (unanswered: refused, as Cancel would be). */
  answerNextTouchId(answer: PresenceAnswer): void {
    this.#touchIdAnswers.push(answer);
  }

  canConfirmPresence(): boolean {
    return this.touchIdAvailable;
  }

  confirmPresence(reason: string): Promise<PresenceAnswer> {
    if (!this.touchIdAvailable) return Promise.resolve('unavailable');
    this.touchIdReasons.push(reason);
    return Promise.resolve(this.#touchIdAnswers.shift() ?? 'refused');
  }

  showSaveDialog(options: SaveDialogOptions): Promise<string | null> {
    this.dialogs.save.push(options);
    return Promise.resolve(this.#saveAnswers.shift() ?? null);
  }

  showOpenDialog(options: OpenDialogOptions): Promise<string | null> {
    this.dialogs.open.push(options);
    return Promise.resolve(this.#openAnswers.shift() ?? null);
  }

  readClipboard(): Promise<string> {
    return Promise.resolve(this.clipboard);
  }

  writeClipboard(text: string, markers: Record<string, Uint8Array> = {}): Promise<void> {
    this.clipboard = text;
    this.clipboardWrites.push({ text, markers: Object.keys(markers) });
    return Promise.resolve();
  }

  downloadsDir(): string | null {
    return this.downloads;
  }

  openExternal(url: string): Promise<void> {
    this.openedUrls.push(url);
    return Promise.resolve();
  }
}
