import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { keepKeyOf } from '../../../testing/core/kept-keys';
import { createCore } from '../compose';
import { TestPlatform } from '../../../testing/test-platform';
import type { SecretStore } from '../vault/secret-store';
import { VaultError } from '../vault/vault-problem';

const childScript = path.join(import.meta.dirname, '../../../testing/core/create-then-wait.ts');
const f = keywardForEachTest();

describe('a crash between creating a key and securing it', () => {
  it('is reported at the next start with the key id and user, and can be cleaned up', async () => {
    await keepKeyOf(f, 'admin', 'admin');
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

    const nextStart = createCore(new TestPlatform(dataDir), f.store);
    const lost = await nextStart.lostKeys.list();
    expect(lost).toEqual([
      {
        journalId: expect.any(String) as string,
        userName: 'alice',
        accessKeyId: createdId,
        startedAt: expect.any(String) as string,
      },
    ]);

    await f.core.session.signIn({ kind: 'stored-key', profile: 'admin' });
    await f.core.lostKeys.resolve(lost[0]!.journalId, 'deactivate');
    expect(f.sandbox.state.accessKeys.get(createdId)?.status).toBe('Inactive');
    expect(await nextStart.lostKeys.list()).toEqual([]);
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
    const keyward = createCore(f.platform, lockable);
    await keyward.settings.update({ endpoint: f.sandbox.endpoint });
    // Kept through the same keychain entries that `lockable` reads while unlocked.
    await keepKeyOf(f, 'admin', 'admin');
    await keyward.session.signIn({ kind: 'stored-key', profile: 'admin' });
    const created = await keyward.newKeys.create('alice', null);
    const secret = await keyward.newKeys.reveal(created.handle);

    locked = true;
    const error = await keyward.newKeys.keep(created.handle, 'alice').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'vault-unavailable',
      message: 'Your keyring is locked, so Keyward cannot read or save keys.',
    });
    expect(keyward.newKeys.held()).toMatchObject([
      { accessKeyId: created.accessKeyId, securedBy: [] },
    ]);
    expect(await keyward.newKeys.reveal(created.handle)).toBe(secret);
    await expect(keyward.newKeys.finish(created.handle, false)).rejects.toMatchObject({
      code: 'secret-not-secured',
    });
    expect(await keyward.lostKeys.list()).toEqual([]);

    locked = false;
    await keyward.newKeys.keep(created.handle, 'alice');
    await keyward.newKeys.finish(created.handle, false);
    await keyward.shutdown();
  });
});
