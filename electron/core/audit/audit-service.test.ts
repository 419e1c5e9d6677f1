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
