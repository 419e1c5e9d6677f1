import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeywardFixture } from '../../testing/core/keyward-fixture';
import { startKeyward } from '../../testing/core/keyward-fixture';

let f: KeywardFixture;

beforeEach(async () => {
  f = await startKeyward();
  await f.signInAs('admin');
});

afterEach(async () => {
  await f.close();
});

describe('reliability', () => {
  it('a key or user deleted elsewhere is reported plainly, with a refresh', async () => {
    const [key] = await f.keyward.listKeys('alice');
    await f.keyward.deleteKey('alice', key!.accessKeyId, true);
    await expect(f.keyward.deleteKey('alice', key!.accessKeyId, false)).rejects.toMatchObject({
      code: 'not-found',
      hint: 'Refresh the list of keys and try again.',
    });
    await expect(f.keyward.deleteKey('alice', key!.accessKeyId, true)).rejects.toMatchObject({
      code: 'not-found',
      hint: expect.stringContaining('Refresh') as string,
    });
    await expect(f.keyward.listKeys('someone-gone')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('pages of one user still list every user exactly once', async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await f.keyward.listUsers({ cursor, filter: '', pageSize: 1 });
      names.push(...page.users.map((user) => user.userName));
      cursor = page.cursor;
    } while (cursor);
    expect(names.sort()).toEqual(['admin', 'alice', 'auditor', 'bob', 'nobody']);
  });

  it('200 create → secure → delete cycles leave nothing behind and memory flat', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const cycle = async (i: number) => {
      const created = await f.keyward.createKey('alice', null);
      await f.keyward.storeInKeychain(created.handle, `cycle-${String(i)}`);
      await f.keyward.finish(created.handle, false);
      await f.keyward.deleteKey('alice', created.accessKeyId, true);
      await f.keyward.profiles.remove(`cycle-${String(i)}`);
    };
    for (let i = 0; i < 20; i++) await cycle(i);
    gc();
    const warm = process.memoryUsage().heapUsed;
    for (let i = 20; i < 200; i++) await cycle(i);
    gc();
    const grown = process.memoryUsage().heapUsed - warm;
    expect(grown).toBeLessThan(8 * 1024 * 1024);
    expect(f.keyward.pendingKeys()).toEqual([]);
    expect(await f.keyward.lostKeys()).toEqual([]);
    expect(await f.keyward.listKeys('alice')).toHaveLength(1);
    expect((await f.keyward.listStoredProfiles()).map((p) => p.name)).toEqual(['sandbox-admin']);
  }, 60_000);
});
