import { describe, expect, it } from 'vitest';
import { defaultSeed, generateSeed } from './generate-seed';
import { startSandbox } from './sandbox';
import { parseSeed, SeedError, type SandboxSeed } from './seed';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('seeds', () => {
  it('generates the same account for the same options, and another for another seed', () => {
    const options = { users: 40, seed: 3, now: NOW };
    expect(generateSeed(options)).toEqual(generateSeed(options));
    expect(generateSeed({ ...options, seed: 4 })).not.toEqual(generateSeed(options));
  });

  it('generates realistic, valid users: an admin first, 1–2 keys each, a mix of states', () => {
    const seed = parseSeed(generateSeed({ users: 300, now: NOW }));
    expect(seed.users).toHaveLength(300);
    expect(seed.users[0]).toMatchObject({ userName: 'admin', permission: 'admin' });
    expect(new Set(seed.users.map((user) => user.userName.toLowerCase())).size).toBe(300);
    const keys = seed.users.flatMap((user) => user.accessKeys ?? []);
    for (const user of seed.users) {
      expect(user.accessKeys?.length).toBeGreaterThanOrEqual(1);
      expect(user.accessKeys?.length).toBeLessThanOrEqual(2);
    }
    expect(keys.some((key) => key.status === 'Inactive')).toBe(true);
    expect(keys.some((key) => key.lastUsed === undefined)).toBe(true);
    expect(new Set(seed.users.map((user) => user.permission))).toEqual(
      new Set(['admin', 'self', 'readonly', 'none']),
    );
    for (const key of keys) {
      expect(Date.parse(key.createDate)).toBeLessThanOrEqual(NOW.getTime());
      if (key.lastUsed) {
        expect(Date.parse(key.lastUsed.date)).toBeGreaterThanOrEqual(Date.parse(key.createDate));
        expect(Date.parse(key.lastUsed.date)).toBeLessThanOrEqual(NOW.getTime());
      }
    }
  });

  it('offers a friendly demo account with one user per permission level', () => {
    const seed = parseSeed(defaultSeed());
    expect(seed.accountId).toBe('123456789012');
    expect(seed.accountAlias).toBe('example-corp');
    expect(seed.users.map((user) => [user.userName, user.permission])).toEqual([
      ['admin', 'admin'],
      ['alice', 'self'],
      ['bob', 'self'],
      ['auditor', 'readonly'],
      ['nobody', 'none'],
    ]);
    expect(defaultSeed().users[1]?.accessKeys?.[0]?.accessKeyId).toBe(
      seed.users[1]?.accessKeys?.[0]?.accessKeyId,
    );
  });

  it('names the problems in an invalid seed and where they are', () => {
    const messageFor = (input: unknown) => {
      try {
        parseSeed(input, 'seed file demo.json');
      } catch (error) {
        expect(error).toBeInstanceOf(SeedError);
        return (error as Error).message;
      }
      throw new Error('expected the seed to be refused');
    };
    const shapeErrors = messageFor({
      accountId: '42',
      users: [{ userName: 'ann', permission: 'root' }],
    });
    expect(shapeErrors).toContain('Invalid sandbox seed file demo.json');
    expect(shapeErrors).toContain('accountId');
    expect(shapeErrors).toContain('users[0].permission');
    expect(
      messageFor({
        accountId: '123456789012',
        users: [
          { userName: 'ann', permission: 'self' },
          { userName: 'ANN', permission: 'self' },
        ],
      }),
    ).toContain('duplicate user name ANN');
  });

  it('refuses to start without an admin who can sign in', async () => {
    const seed: SandboxSeed = {
      accountId: '123456789012',
      users: [{ userName: 'solo', permission: 'self' }],
    };
    await expect(startSandbox({ seed })).rejects.toThrow(/admin user with an active access key/);
  });

  it('hands out the first active key of a seeded user', async () => {
    const sandbox = await startSandbox();
    try {
      const bobsActiveKey = sandbox.state.keysOf('bob').find((key) => key.status === 'Active');
      expect(sandbox.credentialsFor('bob')).toEqual({
        accessKeyId: bobsActiveKey?.accessKeyId,
        secretAccessKey: bobsActiveKey?.secretAccessKey,
      });
      expect(sandbox.admin.userName).toBe('admin');
      expect(sandbox.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(() => sandbox.credentialsFor('ghost')).toThrow(/no user named ghost/);
    } finally {
      await sandbox.close();
    }
  });
});
