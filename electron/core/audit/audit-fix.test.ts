import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../common/activity';
import { AppError } from '../errors';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';

let f: KeywardFixture;
const day = 24 * 60 * 60 * 1000;

beforeEach(async () => {
  f = await startKeyward({ sandbox: { latencyMs: 5 } });
  // A person whose name a spreadsheet would run as a formula, with a long-forgotten inactive key.
  f.sandbox.state.addUser({
    userName: '=cmd',
    path: '/',
    permission: 'none',
    tags: [],
    createDate: new Date(Date.now() - 500 * day),
  });
  const forgotten = f.sandbox.state.createAccessKey('=cmd', new Date(Date.now() - 400 * day));
  forgotten.status = 'Inactive';
  await f.signInAs('admin');
});

afterEach(async () => {
  await f.close();
});

const statusOf = (user: string) => f.sandbox.state.keysOf(user).map((key) => key.status);
const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );

async function history(): Promise<ActivityEntry[]> {
  const entries: ActivityEntry[] = [];
  for await (const entry of f.core.activity.newestFirst()) entries.push(entry);
  return entries;
}

describe('from the audit to the fix', () => {
  it('previews exactly the active keys unused for N days, a never-used key counted by its age', async () => {
    await f.core.audit.run();
    const [, bobNew] = f.sandbox.state.keysOf('bob');
    const plan = await f.core.auditFix.preview('deactivate-unused', 90);
    // bob's newer key was never used and is 120 days old; nobody's is 10 days old.
    expect(plan.keys).toEqual([
      expect.objectContaining({
        userName: 'bob',
        accessKeyId: bobNew?.accessKeyId,
        ageDays: 120,
        lastUsed: null,
        idleDays: 120,
        measuredFrom: 'creation',
      }),
    ]);
    expect(plan.confirmation).toBe('1');
    expect(plan.measured).toMatch(/from each key’s last use, or from the day it was created/);
  });

  it('never includes the key the admin is signed in with, and says so', async () => {
    await f.core.audit.run();
    const plan = await f.core.auditFix.preview('deactivate-unused', 0);
    const admin = f.sandbox.admin.accessKeyId;
    expect(plan.keys.map((key) => key.accessKeyId)).not.toContain(admin);
    expect(plan.keys.map((key) => key.userName).sort()).toEqual([
      'alice',
      'auditor',
      'bob',
      'nobody',
    ]);
    const own = plan.excluded.find((key) => key.accessKeyId === admin);
    expect(own?.userName).toBe('admin');
    expect(own?.why).toMatch(/key you are signed in with/);
  });

  it('changes nothing without the typed confirmation, then deactivates through key administration', async () => {
    await f.core.audit.run();
    const plan = await f.core.auditFix.preview('deactivate-unused', 90);
    const wrong = await refused(f.core.auditFix.apply(plan.id, 'yes'));
    expect(wrong?.code).toBe('confirmation-required');
    expect(wrong?.hint).toMatch(/Type 1/);
    expect(statusOf('bob')).toEqual(['Inactive', 'Active']);

    const progress: number[] = [];
    const result = await f.core.auditFix.apply(plan.id, ' 1 ', {
      onProgress: (p) => progress.push(p.done),
    });
    expect(result).toMatchObject({ done: 1, skipped: 0, failed: 0 });
    expect(progress.at(-1)).toBe(1);
    expect(statusOf('bob')).toEqual(['Inactive', 'Inactive']);
    expect(statusOf('admin')).toEqual(['Active']);
    expect((await history())[0]).toMatchObject({ action: 'key.deactivated', userName: 'bob' });
    // A plan is carried out once.
    expect((await refused(f.core.auditFix.apply(plan.id, '1')))?.code).toBe('not-found');
  });

  it('re-checks each key just before acting and skips one that changed since the preview', async () => {
    await f.core.audit.run({ source: 'per-user' });
    const plan = await f.core.auditFix.preview('deactivate-unused', 90);
    const bobNew = f.sandbox.state.keysOf('bob')[1];
    if (!bobNew) throw new Error('seed changed');
    bobNew.lastUsed = { date: new Date(), serviceName: 's3', region: 'eu-west-1' };
    const result = await f.core.auditFix.apply(plan.id, '1');
    expect(result.keys).toEqual([
      expect.objectContaining({
        accessKeyId: bobNew.accessKeyId,
        outcome: 'skipped',
        why: expect.stringMatching(
          /was used on \d{4}-\d\d-\d\d, after the preview/,
        ) as unknown as string,
      }),
    ]);
    expect(statusOf('bob')).toEqual(['Inactive', 'Active']);
  });

  it('deletes inactive keys without the in-use confirmation, and saves a CSV with formulas neutralised', async () => {
    await f.core.audit.run();
    const plan = await f.core.auditFix.preview('delete-inactive', 90);
    // bob's old key was last used 300 days ago; =cmd's was never used and is 400 days old.
    expect(plan.keys.map((key) => [key.userName, key.idleDays, key.measuredFrom])).toEqual([
      ['=cmd', 400, 'creation'],
      ['bob', 300, 'last-use'],
    ]);
    const result = await f.core.auditFix.apply(plan.id, '2');
    expect(result).toMatchObject({ done: 2, failed: 0 });
    expect(statusOf('bob')).toEqual(['Active']);
    expect(statusOf('=cmd')).toEqual([]);

    const file = path.join(f.platform.dataDir(), 'fixed.csv');
    f.platform.answerNextSave(file);
    expect(await f.core.auditFix.exportCsv()).toEqual({ path: file });
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe(
      'user,access_key_id,action,result,why,key_created,key_age_days,last_used,days_unused,days_counted_from,at',
    );
    expect(lines[1]).toMatch(/^'=cmd,AKIA\w+,delete,done,,/);
  });

  it('counts a key whose delete went through but whose answer was lost as done', async () => {
    await f.core.audit.run();
    const plan = await f.core.auditFix.preview('delete-inactive', 90);
    f.sandbox.faults.failNth('DeleteAccessKey', 1, 'drop-after-commit');
    const result = await f.core.auditFix.apply(plan.id, plan.confirmation);
    expect(result).toMatchObject({ done: 2, failed: 0 });
    expect(statusOf('=cmd')).toEqual([]);
  });

  it('shows the keys a fix changed in the audit it started from, its flags and summary too', async () => {
    // From the credential report: the audit named bob's keys by creation date, not by id.
    await f.core.audit.run();
    const bobBefore = f.core.audit.last()?.rows.find((row) => row.userName === 'bob');
    expect(bobBefore?.keys.map((key) => key.active)).toEqual([false, true]);
    expect(bobBefore?.flags.map((flag) => flag.id)).toContain('key-never-used');
    const activeBefore = f.core.audit.last()?.summary;

    const deactivate = await f.core.auditFix.preview('deactivate-unused', 90);
    await f.core.auditFix.apply(deactivate.id, '1');
    const afterDeactivating = f.core.audit.last();
    const bob = afterDeactivating?.rows.find((row) => row.userName === 'bob');
    expect(bob?.keys.map((key) => key.active)).toEqual([false, false]);
    expect(bob?.keys[1]?.accessKeyId).toBe(f.sandbox.state.keysOf('bob')[1]?.accessKeyId);
    expect(afterDeactivating?.summary).not.toEqual(activeBefore);

    const remove = await f.core.auditFix.preview('delete-inactive', 90);
    await f.core.auditFix.apply(remove.id, remove.confirmation);
    const afterDeleting = f.core.audit.last();
    expect(afterDeleting?.rows.find((row) => row.userName === '=cmd')?.keys).toEqual([]);
    // bob's old key (unused 300 days) went; his newer one (120 days, never used) too.
    expect(afterDeleting?.rows.find((row) => row.userName === 'bob')?.keys).toHaveLength(
      f.sandbox.state.keysOf('bob').length,
    );
  });

  it('retries a call AWS throttles at the audit’s pace, so nobody sees Throttling', async () => {
    await f.core.audit.run({ source: 'per-user' });
    const plan = await f.core.auditFix.preview('deactivate-unused', 90);
    // Every attempt the SDK makes at the first deactivation is throttled.
    for (let attempt = 1; attempt <= 5; attempt++) {
      f.sandbox.faults.failNth('UpdateAccessKey', attempt, 'throttle');
    }
    const result = await f.core.auditFix.apply(plan.id, '1');
    expect(result).toMatchObject({ done: 1, failed: 0 });
    expect(f.sandbox.stats.calls('UpdateAccessKey')).toBe(6);
  });

  it('explains that a fix starts from an audit', async () => {
    const error = await refused(f.core.auditFix.preview('deactivate-unused', 90));
    expect(error).toBeInstanceOf(AppError);
    expect(error?.message).toMatch(/no audit to fix from/);
  });
});
