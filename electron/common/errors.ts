/**
 * The closed set of error codes that may cross the bridge. The renderer switches on these
 * exhaustively, so adding one is a deliberate, type-checked change on both sides.
 */
export const errorCodes = [
  'invalid-input',
  'forbidden-sender',
  'unknown-method',
  'vault-unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What a person sees: what happened (`message`) and what to do next (`hint`), in plain words. */
export interface BridgeError {
  code: ErrorCode;
  message: string;
  hint: string;
}

/** For exhaustive switches: a new case that is not handled fails type-checking here. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
