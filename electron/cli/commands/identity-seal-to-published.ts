import { AppError } from '../../core/errors';
import type { Core } from '../../core/compose';
import type { CommandContext, ParsedArgs } from '../command-spec';
import { flagArg } from '../command-spec';
import { checkWordsText } from './identity';

/**
 * `keys create --seal-to-published`: the receiving code the person published on their IAM user,
 * found before the key is made. Its check words are shown for the admin to confirm with the
 * person (and returned, for --json); a code that changed since the admin last sealed a key to it
 * needs --yes.
 */
export async function publishedCodeOf(
  context: CommandContext,
  core: Core,
  user: string,
  args: ParsedArgs,
): Promise<{ code: string; checkWords: string[] }> {
  const published = await core.directory.lookup(user);
  if (published === null) {
    throw new AppError(
      'not-found',
      `${user} has not shared a receiving code in AWS.`,
      `Ask ${user} for their receiving code and use --seal-to CODE instead.`,
    );
  }
  const words = checkWordsText(published.fingerprint);
  if (published.changedSinceLastUse && !flagArg(args, 'yes')) {
    throw new AppError(
      'confirmation-required',
      `${user}’s receiving code changed since you last sealed a key to it (check words now: ${words}).`,
      `Ask ${user} to read the check words from their Keyward; if they match, run again with --yes.`,
    );
  }
  context.note(
    `${user}’s receiving code check words: ${words}. Ask ${user} to read their check words from their Keyward before you send the file.`,
  );
  if (published.changedSinceLastUse) context.note(`This is a new code for ${user} (--yes given).`);
  return { code: published.code, checkWords: published.fingerprint };
}

/**
 * After the key was sealed to it: the next look-up compares against this code. The key exists and
 * is sealed by now, so failing to record this is told, not thrown.
 */
export async function rememberPublishedCode(
  context: CommandContext,
  core: Core,
  user: string,
  plan: { kind: string; codes?: readonly string[] },
): Promise<void> {
  const [code] = plan.codes ?? [];
  if (code === undefined) return;
  try {
    await core.directory.remember(user, code);
  } catch (error) {
    const why = error instanceof AppError ? ` ${error.message}` : '';
    context.note(`Keyward could not record which code you sealed to for ${user}.${why}`);
  }
}
