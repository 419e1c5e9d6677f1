import { describe, expect, it, vi } from 'vitest';
import type { AuditResult, AuditRow } from '../../../../electron/common/audit';
import type { AccessKeySummary } from '../../../../electron/common/domain';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { Announcer } from './announcer.svelte';
import { AuditKeyActions } from './audit-run-keys.svelte';
import { AuditRun } from './audit-run.svelte';

const created = '2024-03-01T10:00:00Z';
const bobRow: AuditRow = {
  userName: 'bob',
  arn: 'arn:aws:iam::123456789012:user/bob',
  userCreated: null,
  // From the credential report: the key is known by its creation date only.
  keys: [
    {
      slot: 1,
      accessKeyId: null,
      active: true,
      lastRotated: created,
      ageDays: 300,
      lastUsed: { kind: 'never' },
    },
  ],
  flags: [{ id: 'key-never-used', slot: 1, explanation: 'Never used.' }],
};

function resultOf(rows: AuditRow[]): AuditResult {
  return {
    accountId: '123456789012',
    source: 'credential-report',
    generatedAt: '2025-01-01T00:00:00Z',
    rows,
    summary: {
      users: rows.length,
      usersWithKeys: rows.length,
      keys: 1,
      activeKeys: 1,
      flaggedUsers: 1,
      flags: {
        'key-older-than-limit': 0,
        'key-never-used': 1,
        'key-unused': 0,
        'key-inactive': 0,
        'two-active-keys': 0,
        'new-user': 0,
        'keys-unreadable': 0,
      },
      staleKeyDays: 90,
      unusedKeyDays: 90,
      firstAudit: false,
      rootAccount: null,
    },
    requests: 3,
    durationMs: 10,
  };
}

const bobKey: AccessKeySummary = {
  accessKeyId: 'AKIAIOSFODNN7BOB0001',
  userName: 'bob',
  status: 'Active',
  // IAM lists creation to the millisecond; the report to the second.
  created: '2024-03-01T10:00:00.412Z',
  ageDays: 300,
  description: null,
  lastUsed: null,
  signedInKey: false,
};

const deactivated: AuditRow = {
  ...bobRow,
  keys: bobRow.keys.map((key) => ({ ...key, active: false, accessKeyId: bobKey.accessKeyId })),
  flags: [{ id: 'key-inactive', slot: 1, explanation: 'Inactive.' }],
};

function setUp(key: AccessKeySummary, methods: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({
    keys: {
      list: () => Promise.resolve(ok([key])),
      setStatus: () => Promise.resolve(ok(null)),
      delete: () => Promise.resolve(ok(null)),
      ...methods.keys,
    },
    audit: {
      keyChanged: () => Promise.resolve(ok(resultOf([deactivated]))),
      ...methods.audit,
    },
  });
  const announcer = new Announcer();
  const audit = new AuditRun(fake.api, announcer);
  audit.result = resultOf([bobRow]);
  const lockedOut = vi.fn(() => Promise.resolve());
  const actions = new AuditKeyActions(fake.api, announcer, audit, lockedOut);
  const line = audit.view.lines[0];
  if (!line) throw new Error('no line');
  return { ...fake, audit, actions, line, lockedOut, announcer };
}

describe('acting on a key from its audit row', () => {
  it('finds the key the report did not name, deactivates it and shows the updated row', async () => {
    const { actions, line, calls, audit } = setUp(bobKey);
    await actions.deactivate(line);

    expect(calls.map((c) => c.method)).toEqual(['keys.list', 'keys.setStatus', 'audit.keyChanged']);
    expect(calls[1]?.input).toEqual({
      userName: 'bob',
      accessKeyId: bobKey.accessKeyId,
      status: 'Inactive',
    });
    expect(calls[2]?.input).toEqual({
      userName: 'bob',
      accessKeyId: bobKey.accessKeyId,
      slot: 1,
      change: 'deactivated',
    });
    expect(audit.view.lines[0]?.key?.active).toBe(false);
    expect(actions.acting.error).toBeNull();
  });

  it('asks about the lock-out before deactivating the key Keyward signs in with', async () => {
    const own = { ...bobKey, signedInKey: true };
    const { actions, line, calls, lockedOut } = setUp(own);
    await actions.deactivate(line);
    expect(calls.map((c) => c.method)).toEqual(['keys.list']);
    expect(actions.lockingOut?.key).toEqual(own);

    await actions.confirmLockOut(actions.lockingOut ?? { line, key: own });
    expect(calls.at(-1)).toEqual({
      method: 'keys.setStatus',
      input: {
        userName: 'bob',
        accessKeyId: own.accessKeyId,
        status: 'Inactive',
        confirmInUse: true,
      },
    });
    expect(lockedOut).toHaveBeenCalledOnce();
  });

  it('says on the row when the key is no longer in AWS, and changes nothing', async () => {
    const { actions, line, calls } = setUp({ ...bobKey, created: '2025-02-02T00:00:00Z' });
    await actions.deactivate(line);
    expect(calls.map((c) => c.method)).toEqual(['keys.list']);
    expect(actions.errorOf(line)?.message).toBe(
      'This key of bob is no longer in AWS as the audit saw it.',
    );
  });

  it('opens the delete confirmation with the key as AWS has it, then deletes it', async () => {
    const { actions, line, calls, audit } = setUp(bobKey, {
      audit: {
        keyChanged: () => Promise.resolve(ok(resultOf([{ ...bobRow, keys: [], flags: [] }]))),
      },
    });
    await actions.askDelete(line);
    expect(actions.deleting?.key).toEqual(bobKey);

    const answer = await actions.delete(bobKey);
    expect(answer.ok).toBe(true);
    expect(calls.find((c) => c.method === 'keys.delete')?.input).toEqual({
      userName: 'bob',
      accessKeyId: bobKey.accessKeyId,
      confirmInUse: true,
    });
    expect(audit.view.lines[0]?.key).toBeNull();
  });

  it('acts in the row’s own account when the audit covered several', async () => {
    const { actions, audit, calls } = setUp(bobKey);
    audit.result = resultOf([
      { ...bobRow, accountId: '210987654321', accountAlias: 'example-labs' },
    ]);
    const line = audit.view.lines[0];
    if (!line) throw new Error('no line');
    expect(line.accountText).toBe('example-labs (210987654321)');
    await actions.deactivate(line);
    expect(calls.map((c) => (c.input as { accountId?: string }).accountId)).toEqual([
      '210987654321',
      '210987654321',
      '210987654321',
    ]);
  });

  it('leaves the row as it was when main refuses, and says why on it', async () => {
    const { actions, line, audit } = setUp(bobKey, {
      keys: { setStatus: () => refused('access-denied', 'Not allowed.') },
    });
    await actions.deactivate(line);
    expect(actions.errorOf(line)?.message).toBe('Not allowed.');
    expect(audit.view.lines[0]?.key?.active).toBe(true);
  });
});
