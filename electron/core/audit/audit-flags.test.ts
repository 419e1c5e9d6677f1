import { describe, expect, it } from 'vitest';
import { flagUsers, summarize, type FlagRules } from './audit-flags';
import type { AuditKey, KeyUse } from '../../common/audit';
import type { AuditedUser } from './credential-report';

const now = Date.parse('2026-01-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();

function key(slot: 1 | 2, options: { active?: boolean; age: number; used?: number | 'never' }) {
  const lastUsed: KeyUse =
    options.used === undefined || options.used === 'never'
      ? { kind: 'never' }
      : { kind: 'used', date: daysAgo(options.used), service: 's3', region: 'eu-west-1' };
  return {
    slot,
    accessKeyId: null,
    active: options.active ?? true,
    lastRotated: daysAgo(options.age),
    ageDays: options.age,
    lastUsed,
  } satisfies AuditKey;
}

function user(userName: string, keys: AuditKey[]): AuditedUser {
  return { userName, arn: `arn:aws:iam::123456789012:user/${userName}`, userCreated: null, keys };
}

const rules: FlagRules = { staleKeyDays: 90, unusedKeyDays: 90, seenBefore: null, now };

function flagsOf(audited: AuditedUser, overrides: Partial<FlagRules> = {}) {
  const [row] = flagUsers([audited], { ...rules, ...overrides });
  return row?.flags ?? [];
}

describe('audit flags', () => {
  it('flags nothing on a recent key used recently', () => {
    expect(flagsOf(user('fresh', [key(1, { age: 30, used: 1 })]))).toEqual([]);
  });

  it('flags a key older than the setting, and says what the setting is', () => {
    const flags = flagsOf(user('old', [key(1, { age: 91, used: 1 })]));
    expect(flags).toEqual([
      {
        id: 'key-older-than-limit',
        slot: 1,
        explanation: expect.stringMatching(
          /The key \(created 2025-10-02\) is 91 days old.*every 90 days \(your setting\)/,
        ) as string,
      },
    ]);
    expect(flagsOf(user('old', [key(1, { age: 91, used: 1 })]), { staleKeyDays: 365 })).toEqual([]);
  });

  it('flags an active key never used, with how long it has existed', () => {
    expect(flagsOf(user('idle', [key(1, { age: 40, used: 'never' })]))).toEqual([
      {
        id: 'key-never-used',
        slot: 1,
        explanation: expect.stringMatching(/never been used, created 40 days ago/) as string,
      },
    ]);
  });

  it('flags an active key unused for 90 days or more, with where it was last used', () => {
    expect(flagsOf(user('quiet', [key(1, { age: 80, used: 89 })]))).toEqual([]);
    expect(flagsOf(user('quiet', [key(1, { age: 80, used: 90 })]))).toEqual([
      {
        id: 'key-unused',
        slot: 1,
        explanation: expect.stringMatching(/last used 90 days ago \(s3, eu-west-1\)/) as string,
      },
    ]);
  });

  it('flags an inactive key that was not deleted, and only that', () => {
    expect(flagsOf(user('parked', [key(2, { active: false, age: 700, used: 300 })]))).toEqual([
      {
        id: 'key-inactive',
        slot: 2,
        explanation: expect.stringMatching(
          /The key \(created 2024-02-01\) is deactivated but not deleted; .*300 days ago/,
        ) as string,
      },
    ]);
  });

  it('names each key so an admin can find it: by its id, else as older or newer with its date', () => {
    // The credential report has no key ids: keys are told apart by when they were created, as
    // People's keys and the AWS console show them.
    const fromReport = flagsOf(
      user('two', [key(1, { age: 400, used: 1 }), key(2, { active: false, age: 95 })]),
    );
    expect(fromReport.map((flag) => flag.explanation)).toEqual([
      expect.stringMatching(/^The older key \(created 2024-11-27\) is 400 days old/),
      expect.stringMatching(/^The newer key \(created 2025-09-28\) is deactivated/),
    ]);
    const named = { ...key(1, { age: 400, used: 1 }), accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
    expect(flagsOf(user('one', [named]))[0]?.explanation).toMatch(
      /^Key AKIAIOSFODNN7EXAMPLE is 400 days old/,
    );
    expect(JSON.stringify([fromReport, flagsOf(user('one', [named]))])).not.toMatch(/Key [12]\b/);
  });

  it('flags a user with two active keys', () => {
    const flags = flagsOf(
      user('rotating', [key(1, { age: 20, used: 1 }), key(2, { age: 2, used: 1 })]),
    );
    expect(flags).toEqual([
      {
        id: 'two-active-keys',
        slot: null,
        explanation: expect.stringMatching(/Both of this user’s keys are active/) as string,
      },
    ]);
  });

  it('flags users with keys who were not in the previous audit, and nobody on the first', () => {
    const newcomer = user('Newcomer', [key(1, { age: 1, used: 1 })]);
    const keyless = user('keyless', []);
    const known = user('known', [key(1, { age: 1, used: 1 })]);
    const seenBefore = new Set(['known']);
    expect(flagUsers([newcomer, keyless, known], rules).flatMap((row) => row.flags)).toEqual([]);
    const rows = flagUsers([newcomer, keyless, known], { ...rules, seenBefore });
    expect(rows.map((row) => row.flags.map((flag) => flag.id))).toEqual([['new-user'], [], []]);
    expect(rows[0]?.flags[0]?.explanation).toMatch(/has not seen Newcomer in an earlier audit/);
    // IAM user names are unique regardless of case.
    expect(flagsOf(newcomer, { seenBefore: new Set(['newcomer']) })).toEqual([]);
  });

  it('flags users whose keys it was not allowed to read', () => {
    expect(flagsOf(user('hidden', []), { unreadable: new Set(['hidden']) })).toEqual([
      {
        id: 'keys-unreadable',
        slot: null,
        explanation: expect.stringMatching(/not allowed to read hidden’s keys/) as string,
      },
    ]);
  });

  it('counts users, keys and each kind of flag in the summary', () => {
    const rows = flagUsers(
      [
        user('a', [key(1, { age: 100, used: 'never' }), key(2, { age: 5, used: 1 })]),
        user('b', [key(1, { active: false, age: 10 })]),
        user('c', []),
      ],
      rules,
    );
    const summary = summarize(rows, {
      staleKeyDays: 90,
      unusedKeyDays: 90,
      firstAudit: true,
      rootAccount: null,
    });
    expect(summary).toMatchObject({
      users: 3,
      usersWithKeys: 2,
      keys: 3,
      activeKeys: 2,
      flaggedUsers: 2,
      firstAudit: true,
      flags: {
        'key-older-than-limit': 1,
        'key-never-used': 1,
        'key-unused': 0,
        'key-inactive': 1,
        'two-active-keys': 1,
        'new-user': 0,
        'keys-unreadable': 0,
      },
    });
  });
});
