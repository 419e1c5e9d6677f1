import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import { AuditService, isAuditCancelled } from './audit-service';

let f: KeywardFixture;
let audits: AuditService;

beforeEach(async () => {
  f = await startKeyward({ sandbox: { latencyMs: 30 } });
  await f.signInAs('admin');
  audits = f.core.audit;
});

afterEach(async () => {
  await f.close();
});

describe('the audit as the window runs it', () => {
  it('shows progress while it runs, and a second click joins the audit already running', async () => {
    expect(audits.progress()).toBeNull();
    const first = audits.run();
    const second = audits.run();
    expect(second).toBe(first);
    expect(audits.progress()).toMatchObject({ phase: 'generating-report', done: 0 });
    const result = await first;
    expect(audits.progress()).toBeNull();
    expect(audits.last()).toBe(result);
    expect(f.sandbox.stats.calls('GenerateCredentialReport')).toBe(2);
  });

  it('cancels the running audit, which the UI can tell from a failure', async () => {
    const running = audits.run();
    expect(audits.cancel()).toBe(true);
    const error = await running.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isAuditCancelled(error)).toBe(true);
    expect(audits.cancel()).toBe(false);
    expect(audits.last()).toBeNull();
  });

  it('explains that there is nothing to export before the first audit', async () => {
    const error = await audits.exportCsv().then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not-found');
  });
});

describe('the audit after changes made elsewhere in the window', () => {
  it('reads a person again after their keys changed in People’s keys, and drops a deleted person', async () => {
    await audits.run();
    const rowOf = (userName: string) =>
      audits.last()?.rows.find((row) => row.userName === userName);
    const [, bobNew] = f.sandbox.state.keysOf('bob');
    await f.core.keyAdmin.setKeyStatus('bob', bobNew?.accessKeyId ?? '', 'Inactive');
    await audits.personChanged('bob');
    expect(rowOf('bob')?.keys.map((key) => [key.accessKeyId, key.active])).toEqual(
      f.sandbox.state.keysOf('bob').map((key) => [key.accessKeyId, false]),
    );

    const before = audits.last()?.summary.users ?? 0;
    await f.core.keyAdmin.offboard('bob', 'delete', { also: ['user'] });
    await audits.personChanged('bob');
    expect(rowOf('bob')).toBeUndefined();
    expect(audits.last()?.summary.users).toBe(before - 1);
    // Someone the audit did not list changes nothing.
    const unchanged = audits.last();
    expect(await audits.personChanged('nobody-listed')).toBe(unchanged);
  });
});
