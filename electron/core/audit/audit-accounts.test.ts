import { describe, expect, it } from 'vitest';
import { otherAccountSeed } from '../../../e2e/sandbox/index';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { signInToOtherAccount } from '../../../testing/core/other-account';
import { AuditStoppedBySwitch } from './audit-service';

const f = keywardForEachTest({ sandbox: { otherAccounts: [otherAccountSeed()] } });

/** Signed in to the second account ("example-labs"), then to the first again, which is current. */
async function signedInToBoth(fixture: KeywardFixture) {
  const labs = await signInToOtherAccount(fixture);
  await fixture.signInAs('admin');
  return labs;
}

describe('the audit over every signed-in account', () => {
  it('audits the current account only unless asked for all, then each row names its account', async () => {
    const labs = await signedInToBoth(f);
    const first = f.sandbox.accountId;

    const current = await f.core.audit.run();
    expect(current.accountId).toBe(first);
    expect(current.rows.map((row) => row.userName)).not.toContain('carol');

    const all = await f.core.audit.run({ accounts: 'all' });
    expect(all.accounts?.map((part) => [part.accountId, part.accountAlias])).toEqual([
      [first, 'example-corp'],
      [labs.accountId, 'example-labs'],
    ]);
    const labsRows = all.rows.filter((row) => row.accountId === labs.accountId);
    expect(labsRows.map((row) => [row.userName, row.accountAlias])).toEqual([
      ['admin', 'example-labs'],
      ['carol', 'example-labs'],
    ]);
    expect(all.rows.filter((row) => row.accountId === first)).toHaveLength(current.rows.length);
    expect(all.summary.users).toBe(current.rows.length + 2);
    expect(all.accounts?.[1]?.summary).toMatchObject({ users: 2, keys: 2, activeKeys: 2 });
  });

  it('keeps an audit of every account when the admin switches account; one of a single account goes', async () => {
    const labs = await signedInToBoth(f);
    const first = f.sandbox.accountId;
    await f.core.audit.run({ accounts: 'all' });
    f.core.session.switchTo(labs.accountId);
    // Each row names its account, so the audit still says the same in the other account.
    expect(f.core.audit.last()?.accounts?.map((part) => part.accountId)).toEqual([
      first,
      labs.accountId,
    ]);

    await f.core.audit.run();
    expect(f.core.audit.last()?.accountId).toBe(labs.accountId);
    f.core.session.switchTo(first);
    expect(f.core.audit.last()).toBeNull();
  });

  it('stops a running audit of this account when another becomes current, saying why', async () => {
    const labs = await signedInToBoth(f);
    f.sandbox.faults.setLatency(300);
    const running = f.core.audit.run();
    const stopped = running.then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    f.core.session.switchTo(labs.accountId);
    expect(await stopped).toBeInstanceOf(AuditStoppedBySwitch);
    expect(f.core.audit.last()).toBeNull();
  });

  it('signed out of another account, keeps an audit of this one but not one that covered both', async () => {
    const labs = await signedInToBoth(f);
    await f.core.audit.run();
    f.core.session.signOutOf(labs.accountId);
    expect(f.core.audit.last()?.accountId).toBe(f.sandbox.accountId);

    await signedInToBoth(f);
    await f.core.audit.run({ accounts: 'all' });
    f.core.session.signOutOf(labs.accountId);
    expect(f.core.audit.last()).toBeNull();
  });

  it('acts on a key of another account in that account, and the audit shows it there', async () => {
    const labs = await signedInToBoth(f);
    await f.core.audit.run({ accounts: 'all' });
    const carolKey = labs.state.keysOf('carol')[0]?.accessKeyId ?? '';
    const before = f.sandbox.state.keysOf('admin').map((key) => key.status);

    const admin = f.core.accountKeys.keyAdmin(labs.accountId);
    expect((await admin.listKeys('carol')).map((key) => key.accessKeyId)).toEqual([carolKey]);
    await admin.setKeyStatus('carol', carolKey, 'Inactive');
    expect(labs.state.keysOf('carol').map((key) => key.status)).toEqual(['Inactive']);
    // The current account stays current and untouched.
    expect(f.core.session.whoami()?.accountId).toBe(f.sandbox.accountId);
    expect(f.sandbox.state.keysOf('admin').map((key) => key.status)).toEqual(before);
    const history = await f.core.activity.recent(5);
    expect(history[0]).toMatchObject({
      action: 'key.deactivated',
      userName: 'carol',
      actor: expect.stringContaining(labs.accountId) as unknown,
    });

    const after = f.core.audit.keyChanged({
      accountId: labs.accountId,
      userName: 'carol',
      slot: 1,
      accessKeyId: carolKey,
      change: 'deactivated',
    });
    expect(after?.accounts?.[1]?.summary.activeKeys).toBe(1);
    expect(after?.rows.find((row) => row.userName === 'carol')?.keys[0]?.active).toBe(false);
  });

  it('fixes in bulk across accounts, each key in its own account, never the signed-in keys', async () => {
    const labs = await signedInToBoth(f);
    await f.core.audit.run({ accounts: 'all' });
    const carolKey = labs.state.keysOf('carol')[0]?.accessKeyId ?? '';
    const bobNew = f.sandbox.state.keysOf('bob')[1]?.accessKeyId ?? '';

    const plan = await f.core.auditFix.preview('deactivate-unused', 90);
    expect(plan.keys.map((key) => [key.accountId, key.userName, key.accessKeyId])).toEqual([
      [f.sandbox.accountId, 'bob', bobNew],
      [labs.accountId, 'carol', carolKey],
    ]);
    const result = await f.core.auditFix.apply(plan.id, plan.confirmation);
    expect(result.keys.map((key) => [key.accountId, key.outcome])).toEqual([
      [f.sandbox.accountId, 'done'],
      [labs.accountId, 'done'],
    ]);
    expect(labs.state.keysOf('carol').map((key) => key.status)).toEqual(['Inactive']);
    expect(f.sandbox.state.keysOf('bob').map((key) => key.status)).toEqual([
      'Inactive',
      'Inactive',
    ]);
    expect(labs.state.keysOf('admin').map((key) => key.status)).toEqual(['Active']);
    expect(f.sandbox.state.keysOf('admin').map((key) => key.status)).toEqual(['Active']);
    // The audit shows each change in its own account's row.
    const rows = f.core.audit.last()?.rows ?? [];
    const activeOf = (accountId: string, userName: string) =>
      rows
        .find((row) => row.accountId === accountId && row.userName === userName)
        ?.keys.map((key) => key.active);
    expect(activeOf(labs.accountId, 'carol')).toEqual([false]);
    expect(activeOf(f.sandbox.accountId, 'bob')).toEqual([false, false]);
    expect(activeOf(labs.accountId, 'admin')).toEqual([true]);
  });
});

describe('the CSV of an audit over several accounts', () => {
  it('names each row’s account at the end; one account’s CSV stays as it was', async () => {
    const labs = await signedInToBoth(f);
    const { auditToCsv } = await import('./audit-export');
    const one = auditToCsv(await f.core.audit.run());
    expect(one.split('\r\n')[0]).not.toContain('account_id');

    const csv = auditToCsv(await f.core.audit.run({ accounts: 'all' }));
    const [header, ...lines] = csv.split(/\r?\n/).filter((line) => line !== '');
    expect(header).toMatch(/^user,arn,.*,flags,explanation,account_id,account_alias$/);
    expect(lines.find((line) => line.startsWith('carol,'))).toMatch(
      new RegExp(`,${labs.accountId},example-labs$`),
    );
  });
});
