import { AppError } from '../core/errors';
import type { Platform } from '../core/platform';
import { SettingsFile } from '../core/settings';
import { confirmPresence } from '../core/vault/user-presence';
import { dataDirFor } from './node-platform';

/**
 * `credential-process` for a key in long-term mode, in the packaged Mac app: Touch ID before the
 * key leaves the keychain, unless "Ask for Touch ID" is off in the settings the window saved.
 */
export async function confirmLongTermHandOut(
  profile: string,
  io: { env: NodeJS.ProcessEnv; confirmPresence: NonNullable<Platform['confirmPresence']> },
): Promise<void> {
  await confirmPresence(
    {
      presence: { confirmPresence: io.confirmPresence },
      settings: new SettingsFile(dataDirFor(io.env)),
    },
    {
      reason: `give your long-term key “${profile}” to a command (AWS CLI or SDK)`,
      refused: () =>
        new AppError(
          'cancelled',
          `Touch ID was not confirmed, so Keyward did not hand out the long-term key "${profile}".`,
          'Run the command again and confirm with Touch ID, or turn off "Ask for Touch ID" in Keyward’s Settings.',
        ),
    },
  );
}
