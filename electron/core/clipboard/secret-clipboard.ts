import type { Settings } from '../../common/domain';
import { log } from '../log';
import type { Platform } from '../platform';
import { concealedClipboardFormats } from './concealed-formats';

export interface SecretClipboardDeps {
  platform: Pick<Platform, 'os' | 'readClipboard' | 'writeClipboard'>;
  settings: { read(): Promise<Settings> };
}

/**
 * The clipboard as main writes it. A secret copied here is marked concealed for the OS, and
 * cleared after the time Settings names, but only if the clipboard still holds it (the person
 * may have copied something else since); quitting clears it at once rather than leaving it.
 */
export class SecretClipboard {
  readonly #deps: SecretClipboardDeps;
  /** Secrets put on the clipboard and the timers that will clear them. */
  readonly #timers = new Map<NodeJS.Timeout, string>();

  constructor(deps: SecretClipboardDeps) {
    this.#deps = deps;
  }

  /** Text that is no secret (a key id, a command): stays until replaced. */
  async copyText(text: string): Promise<void> {
    await this.#deps.platform.writeClipboard(text);
  }

  async copySensitive(secret: string): Promise<{ clearsInSeconds: number }> {
    const { clipboardSeconds } = await this.#deps.settings.read();
    const { platform } = this.#deps;
    // Marked concealed: clipboard history, cloud clipboards and managers keep no copy.
    await platform.writeClipboard(secret, concealedClipboardFormats(platform.os));
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#clearIfHolding(secret);
    }, clipboardSeconds * 1000);
    timer.unref();
    this.#timers.set(timer, secret);
    return { clearsInSeconds: clipboardSeconds };
  }

  /** Clears every secret still waiting for its timer (on quitting). */
  async clearNow(): Promise<void> {
    for (const [timer, secret] of this.#timers) {
      clearTimeout(timer);
      await this.#clearIfHolding(secret);
    }
    this.#timers.clear();
  }

  async #clearIfHolding(secret: string): Promise<void> {
    try {
      const { platform } = this.#deps;
      if ((await platform.readClipboard()) === secret) await platform.writeClipboard('');
    } catch {
      log('clipboard', 'could not clear the clipboard');
    }
  }
}
