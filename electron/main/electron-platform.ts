import {
  app,
  BrowserWindow,
  ClipboardItem,
  clipboard,
  dialog,
  shell,
  systemPreferences,
} from 'electron';
import type {
  ConfirmQuestion,
  OpenDialogOptions,
  Platform,
  PresenceAnswer,
  SaveDialogOptions,
} from '../core/platform';
import { isAllowedExternalUrl } from '../core/security/external-links';
import { clipboardEntries } from './clipboard-entries';
import { touchIdOn } from './touch-id';

/** The Platform seam implemented with Electron: the only place core's needs meet Electron. */
export class ElectronPlatform implements Platform {
  readonly os = process.platform;
  readonly #dataDir: string;
  readonly #touchId = touchIdOn(process.platform, systemPreferences);

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  dataDir(): string {
    return this.#dataDir;
  }

  async showSaveDialog(options: SaveDialogOptions): Promise<string | null> {
    const result = await dialog.showSaveDialog(this.#parentWindow(), {
      title: options.title,
      defaultPath: options.defaultName,
      filters: options.filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  async showOpenDialog(options: OpenDialogOptions): Promise<string | null> {
    const result = await dialog.showOpenDialog(this.#parentWindow(), {
      title: options.title,
      filters: options.filters,
      properties: ['openFile'],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  async chooseFolder(title: string): Promise<string | null> {
    const result = await dialog.showOpenDialog(this.#parentWindow(), {
      title,
      properties: ['openDirectory', 'createDirectory'],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  showInFolder(file: string): Promise<void> {
    shell.showItemInFolder(file);
    return Promise.resolve();
  }

  readClipboard(): Promise<string> {
    return clipboard.readText();
  }

  writeClipboard(text: string, markers: Record<string, Uint8Array> = {}): Promise<void> {
    if (Object.keys(markers).length === 0) return clipboard.writeText(text);
    return clipboard.write([new ClipboardItem(clipboardEntries(text, markers))]);
  }

  async openExternal(url: string): Promise<void> {
    if (!isAllowedExternalUrl(url)) throw new Error('link outside the allow-list');
    await shell.openExternal(url);
  }

  downloadsDir(): string | null {
    try {
      return app.getPath('downloads');
    } catch {
      return null; // The OS names no Downloads folder.
    }
  }

  async confirm(question: ConfirmQuestion): Promise<boolean> {
    const { response } = await dialog.showMessageBox(this.#parentWindow(), {
      type: 'warning',
      title: question.title,
      message: question.message,
      detail: question.detail,
      buttons: [question.confirm, 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    return response === 0;
  }

  canConfirmPresence(): boolean {
    return this.#touchId.available();
  }

  confirmPresence(reason: string): Promise<PresenceAnswer> {
    return this.#touchId.confirm(reason);
  }

  // Dialogs are modal to Keyward's window; there is only ever one.
  #parentWindow(): BrowserWindow {
    const focused = BrowserWindow.getFocusedWindow();
    if (focused) return focused;
    const [first] = BrowserWindow.getAllWindows();
    if (!first) throw new Error('no window to attach a dialog to');
    return first;
  }
}
