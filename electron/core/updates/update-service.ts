import type { AppUpdater } from 'electron-updater';
import { AppError } from '../errors';
import { describeError, log } from '../log';
import type { UpdateState } from '../../common/desktop';
import type { UpdatePolicy } from './update-policy';

/**
 * The part of electron-updater Keyward drives. electron-updater checks what it downloads against
 * the sha512 in the feed (and, on Windows and macOS, the installer's signature) before it reports
 * an update as downloaded; Keyward never installs anything it did not report.
 */
export type Updater = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'allowPrerelease'
  | 'logger'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
>;

export interface UpdateServiceDeps {
  /** Made when first needed; null where Keyward cannot update itself. */
  updater(): Promise<Updater | null>;
  policy(): Promise<UpdatePolicy>;
  /**
   * Why restarting now would lose something (a new key's secret not kept anywhere, a rotation
   * half-way), in words that finish "Keyward will restart to update once …"; null when nothing is.
   */
  busyReason(): string | null;
  now?: () => Date;
}

/**
 * Looks for a newer Keyward in the background, downloads it, and restarts into it only when the
 * person asks and nothing would be lost. Failing to reach the feed is quiet: a person who is
 * offline, or behind a proxy that blocks it, is not interrupted; the log says what happened.
 */
export class UpdateService {
  readonly #deps: UpdateServiceDeps;
  #state: UpdateState = { kind: 'idle' };
  #updater: Updater | null | undefined;
  #checking: Promise<UpdateState> | null = null;

  constructor(deps: UpdateServiceDeps) {
    this.#deps = deps;
  }

  state(): UpdateState {
    return this.#state;
  }

  /** One check (and download when there is something newer); a check under way is shared. */
  check(): Promise<UpdateState> {
    this.#checking ??= this.#check().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #check(): Promise<UpdateState> {
    if (this.#state.kind === 'ready') return this.#state;
    const policy = await this.#deps.policy();
    if (policy.updates === 'off') return (this.#state = { kind: 'off', by: policy.by });
    const updater = await this.#prepared(policy.feedUrl);
    if (!updater) return (this.#state = { kind: 'unavailable' });
    this.#state = { kind: 'checking' };
    try {
      const found = await updater.checkForUpdates();
      if (!found?.isUpdateAvailable) {
        const checked = (this.#deps.now?.() ?? new Date()).toISOString();
        return (this.#state = { kind: 'up-to-date', checked });
      }
      const version = found.updateInfo.version;
      this.#state = { kind: 'downloading', version };
      await updater.downloadUpdate();
      log('updates', `Keyward ${version} is downloaded and checked`);
      return (this.#state = { kind: 'ready', version });
    } catch (error) {
      log('updates', `no update this time: ${describeError(error)}`);
      return (this.#state = { kind: 'idle' });
    }
  }

  async #prepared(feedUrl: string | null): Promise<Updater | null> {
    if (this.#updater === undefined) {
      const updater = await this.#deps.updater();
      if (updater) {
        // Downloads are started here, after the check, so a failed one is seen and reported.
        updater.autoDownload = false;
        updater.autoInstallOnAppQuit = true;
        updater.allowDowngrade = false;
        updater.allowPrerelease = false;
        updater.logger = updaterLog;
        if (feedUrl) updater.setFeedURL({ provider: 'generic', url: feedUrl });
      }
      this.#updater = updater;
    }
    return this.#updater;
  }

  /** Restarts into the downloaded version, unless that would lose something now. */
  restartToUpdate(): void {
    if (this.#state.kind !== 'ready' || !this.#updater) {
      throw new AppError(
        'conflict',
        'There is no downloaded update to restart into.',
        'Keyward looks for updates by itself and says when one is ready.',
      );
    }
    const busy = this.#deps.busyReason();
    if (busy) {
      throw new AppError(
        'conflict',
        `Keyward will not restart now: ${busy}.`,
        'Finish that first, then choose "Restart to update" again.',
      );
    }
    this.#updater.quitAndInstall(false, true);
  }
}

/** electron-updater's own messages go to Keyward's log (which hides anything secret-shaped). */
const updaterLog = {
  info: (message?: unknown) => {
    log('updates', String(message));
  },
  warn: (message?: unknown) => {
    log('updates', String(message));
  },
  error: (message?: unknown) => {
    log('updates', String(message));
  },
};
