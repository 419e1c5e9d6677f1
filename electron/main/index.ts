import path from 'node:path';
import { Menu, app, dialog, session, shell } from 'electron';
import { checkedSelfCommand } from '../cli/self-command';
import { createDispatcher } from '../core/ipc/dispatch';
import { createHandlers } from '../core/handlers';
import { refusedDebugMessage, refusedDebugSwitches } from './debug-switches';
import { createCore } from '../core/compose';
import type { Core } from '../core/compose';
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
import { DesktopPresence, trayIconPath } from './desktop-presence';
import { startedAtLoginSwitch } from '../core/desktop/login-item';
import { noticeChannel } from '../common/contract';
import type { NoticePlace } from '../common/desktop';
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
let presence: DesktopPresence | undefined;
// Started by the OS at login: the window stays closed until the person opens it from the tray.
const startedAtLogin = process.argv.includes(startedAtLoginSwitch);

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
    if (file && core) deliverOpenedFile(file, core.handoff, mainWindow ?? openWindow());
    else showWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, pageOrigin, (url) => shell.openExternal(url));
  });
  // macOS: clicking the Dock icon of a Keyward running in the menu bar opens its window again.
  app.on('activate', () => {
    if (core && !mainWindow) showWindow();
  });
  app.on('window-all-closed', () => {
    // With "keep running" (or started at login) Keyward stays in the tray; otherwise it quits.
    void (presence?.keepsRunning() ?? Promise.resolve(false)).then((keep) => {
      if (!keep && !startedAtLogin) app.quit();
    });
  });
  app.on('will-quit', (event) => {
    if (!core) return;
    // Clear a secret still on the clipboard before leaving; then quit for real.
    event.preventDefault();
    const leaving = core;
    core = undefined;
    presence?.stop();
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
  hardenSession(session.defaultSession);
  serveRenderer(path.join(here, '../renderer'));
  const platform = new ElectronPlatform(storage.dataDir);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, !app.isPackaged, (url) => {
        void platform.openExternal(url);
      }),
    ),
  );
  const secretStore = new KeytarStore({ os: platform.os, service: storage.keychainService });
  core = createCore(platform, secretStore, { launchFile });
  presence = new DesktopPresence({
    core,
    dataDir: storage.dataDir,
    showWindow,
    iconPath: trayIconPath(),
    startedAtLogin,
    onUpdateReady: () => mainWindow?.webContents.send(noticeChannel, 'updates.ready'),
  });
  const handlers = createHandlers({
    core,
    platform,
    secretStore,
    appVersion: app.getVersion(),
    keywardCommand: () => checkedSelfCommand(process.env),
    updates: presence.updates,
  });
  registerIpc(createDispatcher(handlers, pageOrigin));
  if (!startedAtLogin) openWindow();
  // Lost keys, old keys past their waiting time, key ages: checked now and every little while.
  presence.start();
}

/** Opens the window (again, after it was closed to the tray) or brings it to the front. */
function showWindow(place?: NoticePlace): void {
  const opened = mainWindow;
  const window = opened ?? openWindow();
  bringToFront(window);
  if (!place) return;
  const tell = () => {
    window.webContents.send(noticeChannel, place === 'history' ? 'open.history' : 'open.myKeys');
  };
  // A window just opened is told once its page has loaded and listens.
  if (opened) tell();
  else window.webContents.once('did-finish-load', tell);
}

function openWindow(): BrowserWindow {
  const window = createMainWindow(
    pageUrl,
    path.join(here, '../preload/index.cjs'),
    !app.isPackaged,
  );
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  const held = core?.newKeys ?? { hasUnsecured: () => false };
  guardUnsavedSecrets(window, held, async () => {
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
  return window;
}
