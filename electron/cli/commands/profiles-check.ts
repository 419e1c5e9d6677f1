import { AppError } from '../../core/errors';
import { day } from '../format';
import { profileCommand } from './profiles';

export const profilesCheck = profileCommand({
  words: ['profiles', 'check'],
  summary:
    'Ask AWS, with the kept key itself, whether it still works, its status and its last use. AWS counts the check as a use.',
  profile: 'The kept key to check',
  run: async (context, name) => {
    const core = await context.core();
    // The window's "Check with AWS" (Keyward.checkStoredProfile).
    const check = await core.deviceKeys.check(name);
    if (!check.working) {
      // A script learns it from the exit code; the words say what to do.
      throw new AppError(
        'key-not-working',
        `AWS does not accept the key kept as "${name}". ${check.problem ?? ''}`.trim(),
        'Ask your admin for a new key (or create one yourself), then remove this one: keyward profiles remove --profile ' +
          name,
      );
    }
    context.print(check, () => {
      const status = check.status ? `, and it is ${check.status.toLowerCase()}` : '';
      const lastUse = !check.lastUsedKnown
        ? 'unknown (this key may not ask AWS about itself)'
        : check.lastUsed
          ? `${day(check.lastUsed.date)} ${check.lastUsed.service} ${check.lastUsed.region}`
          : 'never';
      return `"${name}" works: AWS accepts it${status}.\nLast used: ${lastUse}`;
    });
  },
});
