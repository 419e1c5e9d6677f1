import type { KeywardApi } from '../../../electron/common/bridge';
import type { BridgeError } from '../../../electron/common/errors';
import type { Result } from '../../../electron/common/result';

/** The only reader of `window.keyward`, so the rest of the UI never touches the bridge directly. */
export const api: KeywardApi = window.keyward;

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
