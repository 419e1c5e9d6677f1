import { AppError } from '../core/errors';
import { keychainService } from '../core/vault/secret-store';

/**
 * The keychain service name: 'Keyward', or KEYWARD_KEYCHAIN_SERVICE so tests and a second
 * installation keep their entries apart from a person's own. A malformed override is refused
 * rather than ignored, so a test can never fall back to someone's real keychain entries.
 */
export function keychainServiceFrom(env: NodeJS.ProcessEnv): string {
  const chosen = env['KEYWARD_KEYCHAIN_SERVICE'];
  if (chosen === undefined || chosen === '') return keychainService;
  if (!/^[\w .-]{1,100}$/.test(chosen)) {
    throw new AppError(
      'invalid-input',
      'KEYWARD_KEYCHAIN_SERVICE is not a usable keychain service name.',
      'Use up to 100 letters, digits, spaces, dots, dashes or underscores, or unset it.',
    );
  }
  return chosen;
}
