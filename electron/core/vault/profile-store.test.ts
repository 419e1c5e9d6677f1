import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { KeytarStore } from './keytar-store';
import { ProfileStore } from './profile-store';
import type { StoredKey } from './profile-store';

const store = new KeytarStore({
  os: process.platform,
  service: `Keyward-test-profiles-${randomBytes(4).toString('hex')}`,
});
const profiles = new ProfileStore(store);
const key: StoredKey = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  userName: 'alice',
  accountId: '123456789012',
  created: '2026-01-02T03:04:05.000Z',
  description: 'Laptop',
};

afterEach(async () => {
  for (const account of await store.list()) await store.delete(account);
});

describe('keys stored on this device', () => {
  it('keeps one keychain entry per profile and lists them without their secrets', async () => {
    await profiles.put('work', key);
    await profiles.put('ci.deploy_2', { ...key, description: null });
    expect(await store.list()).toEqual(
      expect.arrayContaining(['profile:work', 'profile:ci.deploy_2']),
    );
    const listed = await profiles.list();
    expect(listed.map((p) => p.name)).toEqual(['ci.deploy_2', 'work']);
    expect(JSON.stringify(listed)).not.toContain(key.secretAccessKey);
    expect((await profiles.get('work'))?.secretAccessKey).toBe(key.secretAccessKey);
  });

  it.each(['', 'a'.repeat(65), 'has space', 'semi;colon', '../etc', '[default]', 'ünïcode'])(
    'refuses the profile name %j with how to name it',
    async (name) => {
      await expect(profiles.put(name, key)).rejects.toMatchObject({
        code: 'invalid-input',
        hint: expect.stringContaining('letters, digits') as string,
      });
      expect(await store.list()).toEqual([]);
    },
  );

  it('gives no new key a name starting with a dash, yet keeps one kept so before reachable', async () => {
    await expect(profiles.requireFree('-SUM')).rejects.toMatchObject({
      code: 'invalid-input',
      hint: expect.stringMatching(/not start with a dash/) as string,
    });
    // Kept by an older version, which allowed it: still listed, read and removed.
    await profiles.put('-SUM', key);
    expect((await profiles.list()).map((profile) => profile.name)).toEqual(['-SUM']);
    expect((await profiles.get('-SUM'))?.accessKeyId).toBe(key.accessKeyId);
    expect(await profiles.remove('-SUM')).toBe(true);
  });

  it('refuses to keep a key a second time under another name, naming the first', async () => {
    await profiles.put('work', key);
    await expect(profiles.requireFree('work-2', key.accessKeyId)).rejects.toMatchObject({
      code: 'conflict',
      message: 'This key is already kept as “work”.',
    });
    await expect(profiles.requireFree('work-2', 'AKIAIOSFODNN7EXAMPLX')).resolves.toBeUndefined();
  });

  it('refuses a key that is not shaped like an AWS key, and stores nothing', async () => {
    await expect(profiles.put('work', { ...key, secretAccessKey: 'short' })).rejects.toThrow();
    expect(await store.list()).toEqual([]);
  });

  it('reports a damaged entry instead of using it, and leaves other profiles listed', async () => {
    await profiles.put('good', key);
    await store.set('profile:broken', '{"accessKeyId": 42');
    await expect(profiles.get('broken')).rejects.toMatchObject({
      message: 'The keychain entry for "broken" is damaged.',
    });
    expect((await profiles.list()).map((p) => p.name)).toEqual(['good']);
  });

  it('lists a damaged entry by name with what is wrong in plain words, never its contents', async () => {
    await profiles.put('good', key);
    const secretInside = JSON.stringify({ ...key, accessKeyId: 'not-a-key-id' });
    await store.set('profile:not-json', `{"secretAccessKey":"${key.secretAccessKey}"`);
    await store.set('profile:no-secret', JSON.stringify({ ...key, secretAccessKey: undefined }));
    await store.set('profile:bad-id', secretInside);
    await store.set('profile:no-user', JSON.stringify({ ...key, userName: undefined }));
    await store.set('session:good', '{"sessions": "are not profiles"}');
    const { kept, damaged } = await profiles.inventory();
    expect(kept.map((p) => p.name)).toEqual(['good']);
    expect(damaged).toEqual([
      { name: 'bad-id', problem: 'the key ID is not shaped like an AWS key ID' },
      { name: 'no-secret', problem: 'the secret is missing' },
      { name: 'no-user', problem: 'some of its details are missing or unreadable: the AWS user' },
      { name: 'not-json', problem: 'it is not readable as a Keyward key' },
    ]);
    expect(JSON.stringify(damaged)).not.toContain(key.secretAccessKey.slice(0, 12));
    await expect(profiles.get('no-secret')).rejects.toMatchObject({
      message: 'The keychain entry for "no-secret" is damaged.',
      hint: expect.stringContaining('the secret is missing') as string,
    });
  });

  it('ignores keychain entries that are not profiles, such as the hand-off identity', async () => {
    await store.set('handoff-identity', 'AGE-SECRET-KEY-1…');
    expect(await profiles.list()).toEqual([]);
  });
});
