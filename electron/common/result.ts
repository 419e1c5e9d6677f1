import type { BridgeError } from './errors';

/** Every bridge call answers with this: no exceptions and no stack traces cross the bridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (error: BridgeError): Result<never> => ({ ok: false, error });
