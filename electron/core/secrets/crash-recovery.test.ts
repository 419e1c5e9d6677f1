import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import { Keyward } from '../keyward';
import { TestPlatform } from '../../../testing/test-platform';
import type { SecretStore } from '../vault/secret-store';
import { VaultError } from '../vault/vault-problem';

const childScript = path.join(import.meta.dirname, '../../../testing/core/create-then-wait.ts');
let f: KeywardFixture;

beforeEach(async () => {
  f = await startKeyward();
});

afterEach(async () => {
  await f.close();
});

describe('a crash between creating a key and securing it', () => {
  it('is reported at the next start with the key id and user, and can be cleaned up', async () => {
    await f.keyward.profiles.put('admin', {
      ...f.sandbox.admin,
      accountId: f.sandbox.accountId,
      created: new Date().toISOString(),
      description: null,
    });
    const dataDir = f.platform.dataDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', childScript, dataDir, f.store.service, f.sandbox.endpoint, 'alice'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const createdId = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /created (\S+)\n/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => {
        reject(new Error(`child exited early (${String(code)})`));
      });
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const nextStart = new Keyward(new TestPlatform(dataDir), f.store);
    const lost = await nextStart.lostKeys();
    expect(lost).toEqual([
      {
        journalId: expect.any(String) as string,
        userName: 'alice',
        accessKeyId: createdId,
        startedAt: expect.any(String) as string,
      },
    ]);

    await f.keyward.signIn({ kind: 'stored-key', profile: 'admin' });
    await f.keyward.resolveLostKey(lost[0]!.journalId, 'deactivate');
    expect(f.sandbox.state.accessKeys.get(createdId)?.status).toBe('Inactive');
    expect(await nextStart.lostKeys()).toEqual([]);
  });
});

describe('when the keychain is unavailable', () => {
  it('the pending secret stays pending: it can still be shown, and is not forgotten', async () => {
    // The real keychain, made to fail on demand as a locked keyring would.
    let locked = false;
    const lockable: SecretStore = {
      backend: f.store.backend,
      get: (account) =>
        locked ? Promise.reject(new VaultError('locked', 'linux')) : f.store.get(account),
      set: (account, value) =>
        locked ? Promise.reject(new VaultError('locked', 'linux')) : f.store.set(account, value),
      delete: (account) => f.store.delete(account),
      list: () => f.store.list(),
    };
    const keyward = new Keyward(f.platform, lockable);
    await keyward.settings.update({ endpoint: f.sandbox.endpoint });
    await keyward.profiles.put('admin', {
      ...f.sandbox.admin,
      accountId: f.sandbox.accountId,
      created: new Date().toISOString(),
      description: null,
    });
    await keyward.signIn({ kind: 'stored-key', profile: 'admin' });
    const created = await keyward.createKey('alice', null);
    const secret = await keyward.revealSecret(created.handle);

    locked = true;
    const error = await keyward.storeInKeychain(created.handle, 'alice').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'vault-unavailable',
      message: 'Your keyring is locked, so Keyward cannot read or save keys.',
    });
    expect(keyward.pendingKeys()).toMatchObject([
      { accessKeyId: created.accessKeyId, securedBy: [] },
    ]);
    expect(await keyward.revealSecret(created.handle)).toBe(secret);
    await expect(keyward.finish(created.handle, false)).rejects.toMatchObject({
      code: 'secret-not-secured',
    });
    expect(await keyward.lostKeys()).toEqual([]);

    locked = false;
    await keyward.storeInKeychain(created.handle, 'alice');
    await keyward.finish(created.handle, false);
    await keyward.shutdown();
  });
});
