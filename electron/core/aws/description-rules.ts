import { descriptionProblem, maxDescriptionLength } from '../../common/key-rules';
import { AppError } from '../errors';

/**
 * Checks a key description against IAM's tag rules, as the console does, and against what a
 * hand-off file accepts, and says what is wrong in words. The rule is the window's own
 * (electron/common/key-rules.ts): the window tidies a formula start away as it is typed, so only
 * the command line, or a page that skipped that, meets the refusal here. The console's convention:
 * the description is a tag on the user whose key is the id.
 */
export function checkDescription(description: string): string {
  const problem = descriptionProblem(description);
  if (!problem) return description;
  switch (problem.kind) {
    case 'too-long':
      throw new AppError(
        'invalid-input',
        `The description is too long: AWS allows at most ${String(maxDescriptionLength)} characters.`,
        'Shorten the description and try again.',
      );
    case 'character':
      throw new AppError(
        'invalid-input',
        `The description cannot contain "${problem.character}".`,
        'Use letters, numbers, spaces and these signs only: _ . : / = + - @',
      );
    case 'formula-start':
      throw new AppError(
        'invalid-input',
        `The description cannot start with "${problem.start}": spreadsheets run a cell that starts with = + - or @ as a formula, so key files refuse such a description.`,
        'Start the description with a letter or a number and try again.',
      );
  }
}
