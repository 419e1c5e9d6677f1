import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The argument the OS starts Keyward with at login: the window stays closed, the tray shows. */
export const startedAtLoginSwitch = '--started-at-login';

/** What macOS and Windows need from Electron's `app` for their own login items. */
export interface OsLoginItems {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

/**
 * Start at login: macOS and Windows keep their own list (Electron's `setLoginItemSettings`); on
 * Linux desktops follow the XDG autostart convention, a .desktop file in ~/.config/autostart.
 */
export class LoginItem {
  readonly #os: NodeJS.Platform;
  readonly #osItems: OsLoginItems;
  readonly #executable: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #home: string;

  constructor(options: {
    os: NodeJS.Platform;
    osItems: OsLoginItems;
    /** What the login starts: the AppImage itself when Keyward runs from one. */
    executable: string;
    env: NodeJS.ProcessEnv;
    home: string;
  }) {
    this.#os = options.os;
    this.#osItems = options.osItems;
    this.#executable = options.executable;
    this.#env = options.env;
    this.#home = options.home;
  }

  /** The autostart file on Linux (XDG_CONFIG_HOME honoured). */
  get autostartFile(): string {
    const config = this.#env.XDG_CONFIG_HOME || path.join(this.#home, '.config');
    return path.join(config, 'autostart', 'keyward.desktop');
  }

  async set(startAtLogin: boolean): Promise<void> {
    if (this.#os !== 'linux') {
      this.#osItems.setLoginItemSettings({
        openAtLogin: startAtLogin,
        args: startAtLogin ? [startedAtLoginSwitch] : [],
      });
      return;
    }
    if (!startAtLogin) {
      await rm(this.autostartFile, { force: true });
      return;
    }
    await mkdir(path.dirname(this.autostartFile), { recursive: true });
    await writeFile(this.autostartFile, autostartEntry(this.#executable), { mode: 0o644 });
  }
}

/**
 * The desktop entry. Exec's argument is quoted as the Desktop Entry Specification asks (inside
 * double quotes, `"`, `` ` ``, `$` and `\` are escaped), so a path with spaces still starts.
 */
export function autostartEntry(executable: string): string {
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Keyward',
    'Comment=Reminds you when a kept AWS access key is due to be replaced',
    `Exec=${quoted} ${startedAtLoginSwitch}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
