import { AppError } from '../errors';
import { checkProfileName } from '../vault/profile-store';

// What may appear inside `[profile NAME]` and after `--profile` in a credential_process line
// without being read as INI or shell syntax. Checked here even though Keyward's own profile names
// are already this narrow, so loosening those can never open the config file to injection.
const iniSafe = /^[A-Za-z0-9._-]{1,64}$/;

/** A Keyward profile name that is safe to write into the AWS config file, or an AppError. */
export function checkAwsProfileName(name: string): string {
  checkProfileName(name);
  if (!iniSafe.test(name)) {
    throw new AppError(
      'invalid-input',
      'This profile name cannot be written to the AWS config file safely.',
      'Use only letters, digits, dashes (-), underscores (_) and dots (.).',
    );
  }
  return name;
}
