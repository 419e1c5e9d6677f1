import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../../../electron/common/audit';
import type { AuditFixPlan, AuditFixResult } from '../../../../electron/common/audit-fix';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { Announcer } from './announcer.svelte';
import { AuditFix } from './audit-fix.svelte';

const plan: AuditFixPlan = {
  id: '6f1c7a8e-2d3b-4c5d-8e9f-0a1b2c3d4e5f',
  kind: 'deactivate-unused',
  days: 90,
  accountId: '123456789012',
  keys: [
    {
      userName: 'bob',
      accessKeyId: 'AKIAEXAMPLEBOB00001',
      created: '2025-01-01T00:00:00.000Z',
      ageDays: 120,
      lastUsed: null,
      idleDays: 120,
      measuredFrom: 'creation',
    },
    {
      userName: 'carol',
      accessKeyId: 'AKIAEXAMPLECAROL001',
      created: '2024-01-01T00:00:00.000Z',
      ageDays: 500,
      lastUsed: '2025-01-01T00:00:00.000Z',
      idleDays: 200,
      measuredFrom: 'last-use',
    },
  ],
  excluded: [],
  measured: 'Active keys not used for 90 days or more.',
  confirmation: '2',
};

const result: AuditFixResult = {
  planId: plan.id,
  kind: 'deactivate-unused',
  days: 90,
  keys: [],
  done: 2,
  skipped: 0,
  failed: 0,
};

describe('a bulk fix in the window', () => {
  it('previews, offers to go ahead only once the number of keys is typed, and sends only the plan id', async () => {
    const { api, calls } = fakeApi({
      audit: {
        fixPreview: () => Promise.resolve(ok(plan)),
        fixApply: () => Promise.resolve(ok(result)),
        fixProgress: () => Promise.resolve(ok(null)),
      },
    });
    const announcer = new Announcer();
    const fix = new AuditFix(api, announcer, { result: null });
    fix.start('deactivate-unused', 90);
    await fix.preview();
    expect(fix.plan?.keys).toHaveLength(2);
    expect(calls.find((c) => c.method === 'audit.fixPreview')?.input).toEqual({
      kind: 'deactivate-unused',
      days: 90,
    });

    fix.typed = 'yes';
    expect(fix.confirmed).toBe(false);
    await fix.apply();
    expect(calls.some((c) => c.method === 'audit.fixApply')).toBe(false);

    fix.typed = ' 2 ';
    expect(fix.confirmed).toBe(true);
    await fix.apply();
    expect(calls.find((c) => c.method === 'audit.fixApply')?.input).toEqual({
      planId: plan.id,
      confirmation: '2',
    });
    expect(fix.result?.done).toBe(2);
    expect(fix.progress).toBeNull();
  });

  it('shows the audit as main has it after the fix, so the table shows the changed keys', async () => {
    const before = { rows: [{ userName: 'bob' }] } as unknown as AuditResult;
    const after = { rows: [{ userName: 'bob', keys: [] }] } as unknown as AuditResult;
    const { api } = fakeApi({
      audit: {
        fixPreview: () => Promise.resolve(ok(plan)),
        fixApply: () => Promise.resolve(ok(result)),
        fixProgress: () => Promise.resolve(ok(null)),
        last: () => Promise.resolve(ok(after)),
      },
    });
    const audit = { result: before };
    const fix = new AuditFix(api, new Announcer(), audit);
    fix.start('deactivate-unused', 90);
    await fix.preview();
    fix.typed = '2';
    await fix.apply();
    expect(audit.result).toBe(after);
  });

  it('shows main’s words when the preview is refused', async () => {
    const { api } = fakeApi({ audit: { fixPreview: () => refused('not-found', 'No audit yet.') } });
    const fix = new AuditFix(api, new Announcer(), { result: null });
    fix.start('delete-inactive', 30);
    await fix.preview();
    expect(fix.plan).toBeNull();
    expect(fix.previewing.error?.message).toBe('No audit yet.');
  });
});
