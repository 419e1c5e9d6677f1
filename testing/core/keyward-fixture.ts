import { randomBytes } from 'node:crypto';
import { startSandbox } from '../../e2e/sandbox/index';
import type { Sandbox, SandboxOptions } from '../../e2e/sandbox/index';
import { TestPlatform } from '../test-platform';
import { Keyward } from '../../electron/core/keyward';
import { KeytarStore } from '../../electron/core/vault/keytar-store';
import type { SecretStore } from '../../electron/core/vault/secret-store';

export interface KeywardFixture {
  sandbox: Sandbox;
  keyward: Keyward;
  platform: TestPlatform;
  store: KeytarStore;
  /** Stores the seeded user's key in the keychain as a profile and signs in with it. */
  signInAs(userName: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A Keyward core against the real local IAM sandbox and the real keychain, under a keychain
 * service name of its own, with a fresh data folder.
 */
export async function startKeyward(
  options: { sandbox?: SandboxOptions; secretStore?: SecretStore; dataDir?: string } = {},
): Promise<KeywardFixture> {
  const sandbox = await startSandbox(options.sandbox);
  const platform = new TestPlatform(options.dataDir);
  const store = new KeytarStore({
    os: platform.os,
    service: `Keyward-test-${randomBytes(4).toString('hex')}`,
  });
  const keyward = new Keyward(platform, options.secretStore ?? store);
  await keyward.settings.update({ endpoint: sandbox.endpoint });
  return {
    sandbox,
    keyward,
    platform,
    store,
    signInAs: async (userName) => {
      const creds = sandbox.credentialsFor(userName);
      await keyward.profiles.put(`sandbox-${userName}`, {
        ...creds,
        userName,
        accountId: sandbox.accountId,
        created: new Date().toISOString(),
        description: null,
      });
      await keyward.signIn({ kind: 'stored-key', profile: `sandbox-${userName}` });
    },
    close: async () => {
      await keyward.shutdown();
      for (const account of await store.list()) await store.delete(account);
      await sandbox.close();
    },
  };
}
