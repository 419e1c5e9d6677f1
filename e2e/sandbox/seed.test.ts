import { describe, expect, it } from 'vitest';
import { defaultSeed, generateSeed } from './generate-seed';
import { startSandbox } from './sandbox';
import { parseSeed, SeedError, type SandboxSeed } from './seed';

const NOW = new Date('2026-06-01T00:00:00Z');

/** What parseSeed says about an input it must refuse. */
function messageFor(input: unknown): string {
  try {
    parseSeed(input, 'seed file demo.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return (error as Error).message;
  }
  throw new Error('expected the seed to be refused');
}

const PHONE_SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A one-user account whose user has these MFA devices. */
function withDevices(mfaDevices: unknown, userName = 'ann'): unknown {
  return {
    accountId: '123456789012',
    users: [{ userName, permission: 'self-mfa', mfaDevices }],
  };
}

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

  it('reads virtual MFA devices on a user, named after the user or not', () => {
    const devices = [
      { serialNumber: 'arn:aws:iam::123456789012:mfa/ann-phone', base32Seed: PHONE_SEED },
      {
        serialNumber: 'arn:aws:iam::123456789012:mfa/team/ann-tablet',
        base32Seed: `${PHONE_SEED.slice(0, 20)}====`,
        enableDate: '2025-03-01T09:00:00Z',
      },
    ];
    expect(parseSeed(withDevices(devices)).users[0]).toEqual({
      userName: 'ann',
      permission: 'self-mfa',
      mfaDevices: devices,
    });
    expect(parseSeed(defaultSeed()).users[0]?.mfaDevices).toEqual([
      {
        serialNumber: 'arn:aws:iam::123456789012:mfa/admin',
        base32Seed: expect.any(String) as unknown,
      },
    ]);
  });

  it('names what is wrong with an MFA device, and where', () => {
    const device = (name: string, base32Seed = PHONE_SEED, account = '123456789012') => ({
      serialNumber: `arn:aws:iam::${account}:mfa/${name}`,
      base32Seed,
    });
    const shared = [device('shared')];
    const problems: [seed: unknown, ...expected: string[]][] = [
      [
        withDevices([device('ann', PHONE_SEED, '999999999999')]),
        'users[0].mfaDevices[0].serialNumber',
        'must be a virtual MFA device of account 123456789012: arn:aws:iam::123456789012:mfa/NAME',
      ],
      [
        // A hardware token's serial: the sandbox models virtual devices only.
        withDevices([{ serialNumber: 'GAHT12345678', base32Seed: PHONE_SEED }]),
        'must be a virtual MFA device ARN: arn:aws:iam::ACCOUNT:mfa/NAME',
      ],
      [
        withDevices([device('ann', 'not base32: 0189!')]),
        'users[0].mfaDevices[0].base32Seed',
        'must be base32 (A-Z, 2-7), at least 16 characters',
      ],
      [
        {
          accountId: '123456789012',
          users: [
            { userName: 'ann', permission: 'self', mfaDevices: shared },
            { userName: 'ben', permission: 'self', mfaDevices: shared },
          ],
        },
        'users[1].mfaDevices[0].serialNumber',
        'duplicate MFA device arn:aws:iam::123456789012:mfa/shared',
      ],
      [
        withDevices(Array.from({ length: 9 }, (_, i) => device(`ann-${String(i)}`))),
        'AWS allows at most 8 MFA devices per user',
      ],
      // The old one-device field is gone: a seed names its devices' serials.
      [
        {
          accountId: '123456789012',
          users: [{ userName: 'ann', permission: 'self', mfaSecret: PHONE_SEED }],
        },
        'mfaSecret',
      ],
    ];
    for (const [seed, ...expected] of problems) {
      const message = messageFor(seed);
      for (const text of expected) expect(message).toContain(text);
    }
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
