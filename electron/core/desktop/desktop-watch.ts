import { describeError, log } from '../log';
import type { Core } from '../compose';
import { DesktopNotices, type DesktopNotice } from './desktop-notices';
import type { KeptKeysSummary } from './key-attention';
import { checkKeptKeys, type KeptKeysSources } from './kept-keys-check';

export interface DesktopWatchDeps extends KeptKeysSources {
  notices: DesktopNotices;
  lostKeys: { list(): Promise<unknown[]> };
  /** Deletes old keys whose waiting time is over; the key IDs it deleted. */
  deleteRetiredKeys(): Promise<string[]>;
  /** The tray shows the latest summary. */
  onSummary(summary: KeptKeysSummary): void;
}

/**
 * What Keyward does without the window: at start and then periodically, look at the keys kept
 * here (keychain and rotation records only: the one AWS call is deleting old keys whose waiting
 * time is over, which the person asked for when they replaced the key) and tell the person what
 * needs them. A failure is logged and the next check tries again.
 */
export class DesktopWatch {
  readonly #deps: DesktopWatchDeps;

  constructor(deps: DesktopWatchDeps) {
    this.#deps = deps;
  }

  async atStart(): Promise<void> {
    await this.#quietly('lost keys', async () => {
      await this.#deps.notices.lostKeysFound((await this.#deps.lostKeys.list()).length);
    });
    await this.#quietly('old keys', async () => {
      await this.#deps.notices.oldKeysDeleted((await this.#deps.deleteRetiredKeys()).length);
    });
    await this.check();
  }

  async check(now = Date.now()): Promise<void> {
    await this.#quietly('kept keys', async () => {
      const summary = await checkKeptKeys(this.#deps, now);
      this.#deps.onSummary(summary);
      await this.#deps.notices.keysChecked(summary);
    });
  }

  async #quietly(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      log('desktop', `${what} not checked: ${describeError(error)}`);
    }
  }
}

/** What the watch reports to: the OS's notifications and the tray, or a test's records. */
export interface WatchOutputs {
  show: (notice: DesktopNotice) => void;
  onSummary: (summary: KeptKeysSummary) => void;
  /** "Now" for deleting old keys past their wait; tests move it. */
  deleteRetiredAt?: number;
}

/** The watch over Keyward's core services, as the installed app runs it. */
export function watchOverCore(
  core: Pick<Core, 'deviceKeys' | 'rotation' | 'settings' | 'lostKeys'>,
  dataDir: string,
  outputs: WatchOutputs,
): DesktopWatch {
  return new DesktopWatch({
    keys: core.deviceKeys,
    rotation: core.rotation,
    settings: core.settings,
    lostKeys: core.lostKeys,
    deleteRetiredKeys: () => core.rotation.deleteRetiredKeys(outputs.deleteRetiredAt),
    onSummary: outputs.onSummary,
    notices: new DesktopNotices({
      show: outputs.show,
      turnedOff: async () => (await core.settings.read()).noticesOff ?? [],
      dataDir,
    }),
  });
}
