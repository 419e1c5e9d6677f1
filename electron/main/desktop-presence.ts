import path from 'node:path';
import { Menu, Notification, Tray, app, nativeImage } from 'electron';
import type { NoticePlace } from '../common/desktop';
import type { Core } from '../core/compose';
import type { DesktopNotice } from '../core/desktop/desktop-notices';
import { watchOverCore, type DesktopWatch } from '../core/desktop/desktop-watch';
import type { KeptKeysSummary } from '../core/desktop/key-attention';
import { LoginItem } from '../core/desktop/login-item';
import { traySummary } from '../core/desktop/tray-summary';
import { readUpdatePolicy } from '../core/updates/update-policy';
import { UpdateService, type Updater } from '../core/updates/update-service';
import { describeError, log } from '../core/log';

/** Local checks (keychain and rotation records) are cheap; AWS is not asked by them. */
const checkEveryMs = 15 * 60 * 1000;
/** Updates are looked for at start and then daily. */
const updateEveryMs = 24 * 60 * 60 * 1000;

export interface DesktopPresenceDeps {
  core: Core;
  dataDir: string;
  /** Opens the window (again) and brings it to the front, at `place` when given. */
  showWindow(place?: NoticePlace): void;
  /** An update was downloaded and checked: the window offers "Restart to update". */
  onUpdateReady(): void;
  /** The tray's icon, shipped beside the app (build/icon.png). */
  iconPath: string;
  /** Started by the OS at login: Keyward runs in the tray until the person quits it. */
  startedAtLogin: boolean;
}

/**
 * Keyward as a desktop citizen: notifications, the tray icon, start at login and updates. Each is
 * decided in core (tested under Node); this file only puts the decisions on Electron's objects.
 */
export class DesktopPresence {
  readonly #deps: DesktopPresenceDeps;
  readonly updates: UpdateService;
  readonly #watch: DesktopWatch;
  readonly #loginItem: LoginItem;
  #tray: Tray | null = null;
  #summary: KeptKeysSummary = { kept: 0, needsAttention: [] };
  #timers: NodeJS.Timeout[] = [];

  constructor(deps: DesktopPresenceDeps) {
    this.#deps = deps;
    const { core } = deps;
    this.updates = new UpdateService({
      updater: () => packagedUpdater(),
      policy: async () =>
        readUpdatePolicy({
          os: process.platform,
          env: process.env,
          settingAllows: (await core.settings.read()).autoUpdates !== false,
        }),
      busyReason: () => {
        if (core.newKeys.hasUnsecured()) return 'a new key’s secret is not kept anywhere yet';
        if (core.rotation.isRunning()) return 'a key is being replaced';
        return null;
      },
    });
    this.#watch = watchOverCore(core, deps.dataDir, {
      show: (notice) => {
        this.#notify(notice);
      },
      onSummary: (summary) => {
        this.#summary = summary;
        this.#showTray();
      },
    });
    this.#loginItem = new LoginItem({
      os: process.platform,
      osItems: app,
      // From an AppImage, the AppImage itself: process.execPath is inside its temporary mount.
      executable: process.env['APPIMAGE'] ?? process.execPath,
      env: process.env,
      home: app.getPath('home'),
    });
  }

  /** After the window is up: the first checks, then the periodic ones. */
  start(): void {
    void this.#watch.atStart();
    void this.#checkForUpdate();
    this.#timers.push(
      setInterval(() => void this.#watch.check(), checkEveryMs),
      setInterval(() => void this.#checkForUpdate(), updateEveryMs),
    );
    for (const timer of this.#timers) timer.unref();
    this.#deps.core.settings.onChange((next, before) => {
      if (next.startAtLogin !== before.startAtLogin) {
        void this.#loginItem.set(next.startAtLogin === true).catch((error: unknown) => {
          log('desktop', `start at login not changed: ${describeError(error)}`);
        });
      }
      if (next.keepInTray !== before.keepInTray) this.#showTray();
      if (next.autoUpdates !== before.autoUpdates) void this.#checkForUpdate();
    });
  }

  /** Whether closing the window leaves Keyward running (in the tray). */
  async keepsRunning(): Promise<boolean> {
    if (this.#deps.startedAtLogin) return true;
    return (await this.#deps.core.settings.read()).keepInTray === true;
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#tray?.destroy();
    this.#tray = null;
  }

  async #checkForUpdate(): Promise<void> {
    if ((await this.updates.check()).kind === 'ready') this.#deps.onUpdateReady();
  }

  #notify(notice: DesktopNotice): void {
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title: notice.title, body: notice.body, silent: false });
    shown.on('click', () => {
      this.#deps.showWindow(notice.opens);
    });
    shown.show();
  }

  #showTray(): void {
    void this.keepsRunning().then((wanted) => {
      if (!wanted) {
        this.#tray?.destroy();
        this.#tray = null;
        return;
      }
      this.#tray ??= this.#newTray();
      const summary = traySummary(this.#summary);
      this.#tray.setToolTip(summary.tooltip);
      if (process.platform === 'darwin') this.#tray.setTitle(summary.attention ? '!' : '');
      this.#tray.setContextMenu(
        Menu.buildFromTemplate([
          ...summary.lines.map((label) => ({ label, enabled: false })),
          { type: 'separator' },
          {
            label: 'Open Keyward',
            click: () => {
              this.#deps.showWindow();
            },
          },
          { role: 'quit', label: 'Quit Keyward' },
        ]),
      );
    });
  }

  #newTray(): Tray {
    const icon = nativeImage.createFromPath(this.#deps.iconPath).resize({ width: 16, height: 16 });
    const tray = new Tray(icon);
    tray.on('click', () => {
      this.#deps.showWindow();
    });
    return tray;
  }
}

/**
 * electron-updater's updater for this install (AppImage, deb, NSIS, or the Mac's), loaded only in
 * a packaged app: a development run has nothing to update.
 */
async function packagedUpdater(): Promise<Updater | null> {
  if (!app.isPackaged) return null;
  try {
    const { autoUpdater } = await import('electron-updater');
    return autoUpdater;
  } catch (error) {
    log('updates', `no updater for this kind of install: ${describeError(error)}`);
    return null;
  }
}

/** Where the tray icon is: beside the app when packaged, in build/ while developing. */
export function trayIconPath(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'tray-icon.png')
    : path.join(app.getAppPath(), 'build', 'icon.png');
}
