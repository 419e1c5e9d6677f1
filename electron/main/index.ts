import path from 'node:path';
import { Menu, app, dialog, session, shell } from 'electron';
import { checkedSelfCommand } from '../cli/self-command';
import { createDispatcher } from '../core/ipc/dispatch';
import { createHandlers } from '../core/handlers';
import { refusedDebugMessage, refusedDebugSwitches } from './debug-switches';
import { createCore } from '../core/compose';
import type { Core } from '../core/compose';
import { describeError, log } from '../core/log';
import { KeytarStore } from '../core/vault/keytar-store';
import { appMenuTemplate } from './app-menu';
import { appEntryUrl, appOrigin, registerAppScheme, serveRenderer } from './app-protocol';
import { commandLineArguments, runCommandLine } from './command-line';
import { runMfaWindow } from './mfa-window/run-mfa-window';
import { isMfaWindowLaunch } from './mfa-window/window-command';
import { ElectronPlatform } from './electron-platform';
import { hardenSession, hardenWebContents } from './harden';
import { registerIpc } from './ipc';
import { bringToFront, deliverOpenedFile, keyFileIn } from './opened-files';
import { windowStorage } from './storage';
import { guardUnsavedSecrets } from './unsaved-guard';
import { createMainWindow } from './window';
import type { BrowserWindow } from 'electron';

// electron-vite's dev server, only ever honoured in an unpackaged development build.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const pageUrl = devServerUrl ?? appEntryUrl;
const pageOrigin = devServerUrl ? new URL(devServerUrl).origin : appOrigin;
const here = import.meta.dirname;

// In development the AWS CLI starts Keyward through the checkout's bin/keyward launcher.
if (!app.isPackaged)
  process.env['KEYWARD_LAUNCHER'] ??= path.join(app.getAppPath(), 'bin', 'keyward');

let mainWindow: BrowserWindow | undefined;
let core: Core | undefined;

// A key file the OS opened Keyward with (double-click). macOS sends it as an event instead, also
// while Keyward runs; Windows and Linux start a second instance, which hands its arguments over.
let launchFile: string | null = keyFileIn(process.argv.slice(1));
app.on('open-file', (event, file) => {
  event.preventDefault();
  if (core) deliverOpenedFile(file, core.handoff, mainWindow);
  else launchFile = file;
});

const commandLine = commandLineArguments(process.argv, app.isPackaged);
const refusedSwitches = app.isPackaged ? refusedDebugSwitches(process.argv.slice(1)) : [];

if (refusedSwitches.length > 0) {
  const message = refusedDebugMessage(refusedSwitches);
  process.stderr.write(`keyward: ${message}\n`);
  // Started from a shortcut there is no terminal to read: say it in a box as well.
  if (!commandLine) dialog.showErrorBox('Keyward did not start', message);
  app.exit(2);
} else if (commandLine) {
  // `Keyward credential-process …` and the other commands: no window, no single-instance lock.
  void runCommandLine(commandLine);
} else if (isMfaWindowLaunch(process.argv, app.isPackaged)) {
  // Started by a command (credential-process) that needs an MFA code: one small window, no lock.
  runMfaWindow({
    pageUrl: new URL('/mfa.html', pageUrl).href,
    pageOrigin,
    rendererDir: path.join(here, '../renderer'),
    preloadPath: path.join(here, '../preload/mfa.cjs'),
    devToolsAllowed: !app.isPackaged,
  });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const file = keyFileIn(argv.slice(1));
    if (file && core) deliverOpenedFile(file, core.handoff, mainWindow);
    else if (mainWindow) bringToFront(mainWindow);
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, pageOrigin, (url) => shell.openExternal(url));
  });
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.on('will-quit', (event) => {
    if (!core) return;
    // Clear a secret still on the clipboard before leaving; then quit for real.
    event.preventDefault();
    const leaving = core;
    core = undefined;
    void leaving.shutdown().finally(() => {
      app.quit();
    });
  });
  const storage = windowStorage(process.env, app.getPath('userData'));
  app.setPath('userData', storage.dataDir);
  registerAppScheme();
  void app.whenReady().then(() => {
    start(storage);
  });
}

function start(storage: { dataDir: string; keychainService: string }): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate(process.platform, !app.isPackaged)),
  );
  hardenSession(session.defaultSession);
  serveRenderer(path.join(here, '../renderer'));
  const platform = new ElectronPlatform(storage.dataDir);
  const secretStore = new KeytarStore({ os: platform.os, service: storage.keychainService });
  core = createCore(platform, secretStore, { launchFile });
  const handlers = createHandlers({
    core,
    platform,
    secretStore,
    appVersion: app.getVersion(),
    keywardCommand: () => checkedSelfCommand(process.env),
  });
  registerIpc(createDispatcher(handlers, pageOrigin));
  // Old keys kept inactive after a rotation are deleted once their grace period is over.
  void core.rotation.deleteRetiredKeys().catch((error: unknown) => {
    log('rotation', `retired keys not checked: ${describeError(error)}`);
  });
  const window = createMainWindow(
    pageUrl,
    path.join(here, '../preload/index.cjs'),
    !app.isPackaged,
  );
  mainWindow = window;
  guardUnsavedSecrets(window, core.newKeys, async () => {
    const { response } = await dialog.showMessageBox(window, {
      type: 'warning',
      buttons: ['Go back and save it', 'Close and lose the secret'],
      defaultId: 0,
      cancelId: 0,
      title: 'A new key is not saved yet',
      message: 'You created an access key whose secret is not saved anywhere yet.',
      detail:
        'AWS will never show this secret again. Go back to keep it in this computer’s keychain or save an encrypted copy. If you close now, the key will still exist in AWS but nobody will be able to use it; Keyward will remind you to delete it.',
    });
    return response === 1;
  });
}
