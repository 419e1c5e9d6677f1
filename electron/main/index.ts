import path from 'node:path';
import { app, session, shell } from 'electron';
import { createDispatcher } from '../core/ipc/dispatch';
import { createHandlers, rotationFor } from '../core/handlers';
import { HandoffDesk } from '../core/handoff/handoff-desk';
import { Keyward } from '../core/keyward';
import { describeError, log } from '../core/log';
import { KeytarStore } from '../core/vault/keytar-store';
import { appEntryUrl, appOrigin, registerAppScheme, serveRenderer } from './app-protocol';
import { commandLineArguments, runCommandLine } from './command-line';
import { ElectronPlatform } from './electron-platform';
import { hardenSession, hardenWebContents } from './harden';
import { registerIpc } from './ipc';
import { guardUnsavedSecrets } from './unsaved-guard';
import { createMainWindow } from './window';
import type { BrowserWindow } from 'electron';

// electron-vite's dev server, only ever honoured in an unpackaged development build.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const pageUrl = devServerUrl ?? appEntryUrl;
const pageOrigin = devServerUrl ? new URL(devServerUrl).origin : appOrigin;
const here = import.meta.dirname;

let mainWindow: BrowserWindow | undefined;
let keyward: Keyward | undefined;

// A .keyward file the OS opened Keyward with (double-click). macOS sends it as an event instead.
let launchFile: string | null =
  process.argv.slice(1).find((arg) => arg.endsWith('.keyward')) ?? null;
app.on('open-file', (event, file) => {
  event.preventDefault();
  launchFile = file;
});

const commandLine = commandLineArguments(process.argv, app.isPackaged);

if (commandLine) {
  // `Keyward credential-process …` and the other commands: no window, no single-instance lock.
  void runCommandLine(commandLine);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, pageOrigin, (url) => shell.openExternal(url));
  });
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.on('will-quit', (event) => {
    if (!keyward) return;
    // Clear a secret still on the clipboard before leaving; then quit for real.
    event.preventDefault();
    const leaving = keyward;
    keyward = undefined;
    void leaving.shutdown().finally(() => {
      app.quit();
    });
  });
  registerAppScheme();
  void app.whenReady().then(start);
}

function start(): void {
  hardenSession(session.defaultSession);
  serveRenderer(path.join(here, '../renderer'));
  const platform = new ElectronPlatform();
  keyward = new Keyward(platform, new KeytarStore({ os: platform.os }));
  const handoff = new HandoffDesk(keyward, { launchFile });
  const handlers = createHandlers({
    keyward,
    handoff,
    appVersion: app.getVersion(),
    // The AWS CLI starts the packaged executable itself; in development, the bin/keyward launcher.
    keywardCommand: app.isPackaged
      ? [process.execPath]
      : [path.join(app.getAppPath(), 'bin', 'keyward')],
  });
  registerIpc(createDispatcher(handlers, pageOrigin));
  // Old keys kept inactive after a rotation are deleted once their grace period is over.
  void rotationFor(keyward)
    .deleteRetiredKeys()
    .catch((error: unknown) => {
      log('rotation', `retired keys not checked: ${describeError(error)}`);
    });
  mainWindow = createMainWindow(pageUrl, path.join(here, '../preload/index.cjs'), !app.isPackaged);
  guardUnsavedSecrets(mainWindow, keyward);
}
