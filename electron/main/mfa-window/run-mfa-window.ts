import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, session } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { flushOutput } from '../../cli/flush-output';
import { mfaWindowChannels } from '../../common/mfa-window';
import { isTrustedSender } from '../../core/ipc/sender';
import { log } from '../../core/log';
import { appMenuTemplate } from '../app-menu';
import { registerAppScheme, serveRenderer } from '../app-protocol';
import { hardenSession, hardenWebContents } from '../harden';
import { mfaWindowWord } from './window-command';
import { getMfaWindowOptions } from './window-options';
import { sessionOverPipes } from './window-session';

export interface MfaWindowPlace {
  /** app://keyward/mfa.html, or the development server's. */
  pageUrl: string;
  pageOrigin: string;
  rendererDir: string;
  preloadPath: string;
  devToolsAllowed: boolean;
}

/**
 * The MFA window process (started by windowMfaPrompt with the hidden word `mfa-window`): one
 * small window asking for the code, whose answers go back to the command process on stdout. It
 * takes no single-instance lock (Keyward's main window may be open) and opens no keychain.
 */
export function runMfaWindow(place: MfaWindowPlace): void {
  if (process.stdin.isTTY) {
    process.stderr.write(
      `keyward: "${mfaWindowWord}" is for Keyward's own use: it opens when an AWS command needs an MFA code. See "keyward --help" for the commands.\n`,
    );
    app.exit(2);
    return;
  }
  // Chromium's own files go to a private temporary folder, not into the data folder a running
  // Keyward window has open.
  const sessionData = mkdtempSync(path.join(app.getPath('temp'), 'keyward-mfa-'));
  app.setPath('sessionData', sessionData);
  registerAppScheme();

  let window: BrowserWindow | null = null;
  const finish = (): void => {
    window?.destroy();
    window = null;
    void flushOutput([process.stdout]).finally(() => {
      rmSync(sessionData, { recursive: true, force: true });
      app.exit(0);
    });
  };
  const talk = sessionOverPipes(process.stdin, process.stdout, finish);

  app.on('web-contents-created', (_event, contents) => {
    // The code page links nowhere: whatever tries to leave it is refused and opens nothing.
    hardenWebContents(contents, place.pageOrigin, () => Promise.resolve());
  });
  // Closing the window is cancelling.
  app.on('window-all-closed', () => {
    talk.cancel();
  });

  const fromPage = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const sender = { url: frame?.url ?? '', isMainFrame: frame !== null && frame.parent === null };
    if (isTrustedSender(sender, place.pageOrigin)) return true;
    log('security', 'refused an MFA window call from outside its page');
    return false;
  };
  ipcMain.handle(mfaWindowChannels.next, (event) =>
    fromPage(event) ? talk.next() : Promise.reject(new Error('refused')),
  );
  ipcMain.handle(mfaWindowChannels.submit, (event, code: unknown) =>
    fromPage(event) ? talk.submit(code) : false,
  );
  ipcMain.handle(mfaWindowChannels.cancel, (event) => {
    if (fromPage(event)) talk.cancel();
  });

  void app.whenReady().then(() => {
    if (talk.finished) return;
    hardenSession(session.defaultSession);
    serveRenderer(place.rendererDir);
    // macOS needs the Edit menu for paste to work in the field; elsewhere the window has none.
    if (process.platform === 'darwin') {
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate('darwin', false)));
    }
    const shown = new BrowserWindow(getMfaWindowOptions(place.preloadPath, place.devToolsAllowed));
    window = shown;
    if (process.platform !== 'darwin') shown.removeMenu();
    shown.once('ready-to-show', () => {
      shown.show();
      // The person is in a terminal or an editor: the question must be where they look.
      if (process.platform === 'darwin') app.focus({ steal: true });
      shown.focus();
      talk.shown();
    });
    void shown.loadURL(place.pageUrl);
  });
}
