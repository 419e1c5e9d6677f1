import { randomBytes } from 'node:crypto';
import { startSandbox } from '../../e2e/sandbox/index';
import type { Sandbox, SandboxOptions } from '../../e2e/sandbox/index';
import { TestPlatform } from '../test-platform';
import { createCore } from '../../electron/core/compose';
import type { Core, CoreOptions } from '../../electron/core/compose';
import { ProfileStore } from '../../electron/core/vault/profile-store';
import { KeytarStore } from '../../electron/core/vault/keytar-store';
import type { SecretStore } from '../../electron/core/vault/secret-store';
import type { AuditHost } from '../../electron/core/audit/run-audit';

export interface KeywardFixture {
  sandbox: Sandbox;
  core: Core;
  /** The same keychain entries the core keeps keys in, for seeding and checking them. */
  profiles: ProfileStore;
  platform: TestPlatform;
  store: KeytarStore;
  /** Stores the seeded user's key in the keychain as a profile and signs in with it. */
  signInAs(userName: string): Promise<void>;
  close(): Promise<void>;
}

/** The sandbox accepts a new key at once; AWS can take seconds, tests need not wait that long. */
export const testCoreOptions: CoreOptions = { newKeyPatienceMs: 2000 };

/**
 * A Keyward core against the real local IAM sandbox and the real keychain, under a keychain
 * service name of its own, with a fresh data folder.
 */
export async function startKeyward(
  options: {
    sandbox?: SandboxOptions;
    secretStore?: SecretStore;
    dataDir?: string;
    core?: CoreOptions;
  } = {},
): Promise<KeywardFixture> {
  const sandbox = await startSandbox(options.sandbox);
  const platform = new TestPlatform(options.dataDir);
  const store = new KeytarStore({
    os: platform.os,
    service: `Keyward-test-${randomBytes(4).toString('hex')}`,
  });
  const secretStore = options.secretStore ?? store;
  const core = createCore(platform, secretStore, { ...testCoreOptions, ...options.core });
  const profiles = new ProfileStore(secretStore);
  await core.settings.update({ endpoint: sandbox.endpoint });
  return {
    sandbox,
    core,
    profiles,
    platform,
    store,
    signInAs: async (userName) => {
      const creds = sandbox.credentialsFor(userName);
      await profiles.put(`sandbox-${userName}`, {
        ...creds,
        userName,
        accountId: sandbox.accountId,
        created: new Date().toISOString(),
        description: null,
      });
      await core.session.signIn({ kind: 'stored-key', profile: `sandbox-${userName}` });
    },
    close: async () => {
      await core.shutdown();
      for (const account of await store.list()) await store.delete(account);
      await sandbox.close();
    },
  };
}

/** What the audit runs on, from a fixture's core: its sign-in, settings and data folder. */
export function auditHostOf(f: Pick<KeywardFixture, 'core' | 'platform'>): AuditHost {
  return {
    signedIn: () => f.core.session.signedIn(),
    settings: f.core.settings,
    dataDir: f.platform.dataDir(),
  };
}
