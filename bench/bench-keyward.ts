import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestPlatform } from '../testing/test-platform';
import { createCore } from '../electron/core/compose';
import type { Core } from '../electron/core/compose';
import { ProfileStore } from '../electron/core/vault/profile-store';
import { KeytarStore } from '../electron/core/vault/keytar-store';
import type { SecretStore } from '../electron/core/vault/secret-store';

export interface BenchKeyward {
  core: Core;
  close(): Promise<void>;
}

/** Keyward's core signed in to a sandbox as its admin, from a key stored in `store`. */
export async function signedInCore(
  store: SecretStore,
  sandbox: {
    endpoint: string;
    accountId: string;
    admin: { userName: string; accessKeyId: string; secretAccessKey: string };
  },
): Promise<BenchKeyward> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'keyward-bench-'));
  const core = createCore(new TestPlatform(dataDir), store);
  const profiles = new ProfileStore(store);
  await core.settings.update({ endpoint: sandbox.endpoint });
  const profile = `bench-${randomBytes(4).toString('hex')}`;
  await profiles.put(profile, {
    accessKeyId: sandbox.admin.accessKeyId,
    secretAccessKey: sandbox.admin.secretAccessKey,
    userName: sandbox.admin.userName,
    accountId: sandbox.accountId,
    created: new Date().toISOString(),
    description: null,
  });
  await core.session.signIn({ kind: 'stored-key', profile });
  return {
    core,
    close: async () => {
      await core.shutdown();
      await profiles.remove(profile);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real keychain under a service name of the benchmark's own. */
export function benchKeychain(): KeytarStore {
  return new KeytarStore({
    os: process.platform,
    service: `Keyward-bench-${randomBytes(4).toString('hex')}`,
  });
}
