import type { BridgeError, ErrorCode, ErrorDetails } from '../common/errors';

/**
 * An error whose message and hint are written for the person using Keyward. Anything else that
 * reaches the bridge is reported as an internal error, without its details.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  /** What the window may show besides the words: set once, when the error is made. */
  readonly details: ErrorDetails | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    hint: string,
    options?: { cause?: unknown; details?: ErrorDetails },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
    this.details = options?.details;
  }

  toBridge(): BridgeError {
    const error: BridgeError = { code: this.code, message: this.message, hint: this.hint };
    if (this.details) error.details = this.details;
    return error;
  }
}

export const internalError: BridgeError = {
  code: 'internal',
  message: 'Something went wrong inside Keyward.',
  hint: 'Try again. If it keeps happening, restart Keyward and report the problem.',
};

export function toBridgeError(error: unknown): BridgeError {
  return error instanceof AppError ? error.toBridge() : internalError;
}
