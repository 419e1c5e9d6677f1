import { AppError } from '../errors';

/** IAM's allowed characters for tag values: letters, spaces, numbers and _ . : / = + - @ */
const tagValuePattern = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Checks a key description against IAM's tag rules, as the console does, and says what is wrong
 * in words. The console's convention: the description is a tag on the user whose key is the id.
 */
export function checkDescription(description: string): string {
  if (Array.from(description).length > 256) {
    throw new AppError(
      'invalid-input',
      'The description is too long: AWS allows at most 256 characters.',
      'Shorten the description and try again.',
    );
  }
  if (!tagValuePattern.test(description)) {
    const bad = Array.from(description).find((ch) => !tagValuePattern.test(ch)) ?? '';
    throw new AppError(
      'invalid-input',
      `The description cannot contain "${bad}".`,
      'Use letters, numbers, spaces and these signs only: _ . : / = + - @',
    );
  }
  return description;
}
