import { createContext } from 'svelte';
import type { KeywardApi } from '../../../electron/common/bridge';
import type { BridgeError } from '../../../electron/common/errors';
import type { Result } from '../../../electron/common/result';

/**
 * The only reader of `window.keyward`. The window's state classes are given the bridge (see
 * app.svelte) rather than reaching for the global, so unit tests hand them a small fake instead.
 */
export function windowApi(): KeywardApi {
  return window.keyward;
}

/** The bridge, for the few components that ask main something themselves (copy a key id). */
export const [getApi, setApi] = createContext<KeywardApi>();

/** When the bridge itself fails (it should not), the person still gets words and a next step. */
export const bridgeBroken: BridgeError = {
  code: 'internal',
  message: 'Keyward’s window lost contact with the rest of the app.',
  hint: 'Close Keyward and open it again.',
};

export async function call<T>(request: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await request();
  } catch {
    return { ok: false, error: bridgeBroken };
  }
}
