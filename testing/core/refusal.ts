import { AppError } from '../../electron/core/errors';

/**
 * Awaits a call that must be refused with an `AppError` (what a person reads: code, message,
 * hint) and returns it; any other error, or none at all, fails the test.
 */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
