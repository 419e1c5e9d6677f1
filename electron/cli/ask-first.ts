import { AppError } from '../core/errors';
import type { CommandContext, ParsedArgs } from './command-spec';
import { flagArg } from './command-spec';

/** The option of a command that asks before it acts. */
export const yesOption = { type: 'boolean', help: 'Do not ask first' } as const;

/**
 * Goes on when the command was given --yes, or the person answers yes on the terminal. Otherwise
 * (no terminal to ask on, or "no") it refuses with `refusal`, which says what the command would
 * have done; the hint says how to do it anyway.
 */
export async function askFirst(
  context: CommandContext,
  args: ParsedArgs,
  question: string,
  refusal: string,
  hint = 'Run again with --yes if you are sure.',
): Promise<void> {
  if (flagArg(args, 'yes') || (await context.confirm(question))) return;
  throw new AppError('confirmation-required', refusal, hint);
}
