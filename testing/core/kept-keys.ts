import type { SandboxCredentials } from '../../e2e/sandbox/index';
import type { KeywardFixture } from './keyward-fixture';

/**
 * Keeps a sandbox user's active key in the fixture's keychain as `profileName`, as if it had been
 * received earlier, and returns that key.
 */
export async function keepKeyOf(
  f: Pick<KeywardFixture, 'sandbox' | 'profiles'>,
  userName: string,
  profileName: string,
  details: { created?: string; description?: string } = {},
): Promise<SandboxCredentials> {
  const key = f.sandbox.credentialsFor(userName);
  await f.profiles.put(profileName, {
    ...key,
    userName,
    accountId: f.sandbox.accountId,
    created: details.created ?? new Date().toISOString(),
    description: details.description ?? null,
  });
  return key;
}
