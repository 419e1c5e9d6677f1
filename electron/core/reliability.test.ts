import v8 from 'node:v8';
import vm from 'node:vm';
import { beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';

const f = keywardForEachTest();

beforeEach(async () => {
  await f.signInAs('admin');
});

describe('reliability', () => {
  it('a key or user deleted elsewhere is reported plainly, with a refresh', async () => {
    const [key] = await f.core.keyAdmin.listKeys('alice');
    await f.core.keyAdmin.deleteKey('alice', key!.accessKeyId, true);
    await expect(f.core.keyAdmin.deleteKey('alice', key!.accessKeyId, false)).rejects.toMatchObject(
      {
        code: 'not-found',
        hint: 'Refresh the list of keys and try again.',
      },
    );
    await expect(f.core.keyAdmin.deleteKey('alice', key!.accessKeyId, true)).rejects.toMatchObject({
      code: 'not-found',
      hint: expect.stringContaining('Refresh') as string,
    });
    await expect(f.core.keyAdmin.listKeys('someone-gone')).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('pages of one user still list every user exactly once', async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await f.core.keyAdmin.listUsers({ cursor, filter: '', pageSize: 1 });
      names.push(...page.users.map((user) => user.userName));
      cursor = page.cursor;
    } while (cursor);
    expect(names.sort()).toEqual(['admin', 'alice', 'auditor', 'bob', 'nobody']);
  });

  it('200 create → secure → delete cycles leave nothing behind and memory flat', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const cycle = async (i: number) => {
      const created = await f.core.newKeys.create('alice', null);
      await f.core.newKeys.keep(created.handle, `cycle-${String(i)}`);
      await f.core.newKeys.finish(created.handle, false);
      await f.core.keyAdmin.deleteKey('alice', created.accessKeyId, true);
      await f.profiles.remove(`cycle-${String(i)}`);
    };
    for (let i = 0; i < 20; i++) await cycle(i);
    gc();
    const warm = process.memoryUsage().heapUsed;
    for (let i = 20; i < 200; i++) await cycle(i);
    gc();
    const grown = process.memoryUsage().heapUsed - warm;
    expect(grown).toBeLessThan(8 * 1024 * 1024);
    expect(f.core.newKeys.held()).toEqual([]);
    expect(await f.core.lostKeys.list()).toEqual([]);
    expect(await f.core.keyAdmin.listKeys('alice')).toHaveLength(1);
    expect((await f.core.deviceKeys.list()).map((p) => p.name)).toEqual(['sandbox-admin']);
  }, 60_000);
});
