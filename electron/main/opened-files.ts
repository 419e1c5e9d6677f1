import path from 'node:path';
import { noticeChannel } from '../common/contract';
import type { NoticeName } from '../common/contract';

const keyFileExtensions = new Set(['.keyward', '.age']);

/** The key file among the arguments the OS started Keyward with (double-click, "Open with"). */
export function keyFileIn(args: readonly string[]): string | null {
  return (
    args.find(
      (arg) => !arg.startsWith('-') && keyFileExtensions.has(path.extname(arg).toLowerCase()),
    ) ?? null
  );
}

/** The parts of Keyward's window this needs: Electron's BrowserWindow, or a test's stand-in. */
export interface FrontWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  webContents: { send(channel: string, notice: NoticeName): void };
}

/**
 * A key file opened while Keyward already runs (a second launch on Windows and Linux, `open-file`
 * on macOS): the desk holds it, the window comes to the front, and the page is told to take it,
 * so it goes straight to unlocking that file.
 */
export function deliverOpenedFile(
  file: string,
  desk: { offerFile(file: string): void },
  window: FrontWindow | undefined,
): void {
  desk.offerFile(file);
  if (!window) return; // the page takes it as the launch file once it starts
  bringToFront(window);
  window.webContents.send(noticeChannel, 'handoff.fileOpened');
}

export function bringToFront(window: FrontWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
