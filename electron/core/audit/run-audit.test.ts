import { afterEach, describe, expect, it } from 'vitest';
import { generateSeed } from '../../../e2e/sandbox';
import type { SandboxOptions } from '../../../e2e/sandbox';
import { AppError } from '../errors';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { auditHostOf, startKeyward } from '../../../testing/core/keyward-fixture';
import type { AuditProgress, AuditResult } from '../../common/audit';
import { runAudit } from './index';
import { refuseCredentialReport } from '../../../testing/core/audit/refuse-report';

let f: KeywardFixture | undefined;

async function signedIn(userName: string, sandbox?: SandboxOptions): Promise<KeywardFixture> {
  f = await startKeyward(sandbox ? { sandbox } : {});
  await f.signInAs(userName);
  f.sandbox.stats.reset();
  return f;
}

afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** Every user and key the sandbox holds, as the audit should report them. */
function expectedUsers(fixture: KeywardFixture) {
  const { state } = fixture.sandbox;
  return state.sortedUsers().map((user) => ({
    userName: user.userName,
    keys: state.keysOf(user.userName).map((key) => key.status === 'Active'),
  }));
}

function auditedUsers(result: AuditResult) {
  return result.rows.map((row) => ({
    userName: row.userName,
    keys: row.keys.map((key) => key.active),
  }));
}

describe('the audit from the credential report', () => {
  it('lists every user and key in a few requests, with progress to show', async () => {
    const fx = await signedIn('admin');
    const progress: AuditProgress[] = [];
    const result = await runAudit(auditHostOf(fx), { onProgress: (p) => progress.push(p) });

    expect(result.source).toBe('credential-report');
    expect(auditedUsers(result)).toEqual(expectedUsers(fx));
    expect(result.rows.some((row) => row.userName === '<root_account>')).toBe(false);
    expect(result.summary.rootAccount).toEqual({ activeKeys: 0, mfaActive: true });
    expect(fx.sandbox.stats.calls()).toBeLessThanOrEqual(4);
    expect(result.requests).toBe(fx.sandbox.stats.calls());
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['generating-report', 'downloading-report', 'checking']),
    );
    expect(progress.at(-1)).toMatchObject({ phase: 'checking', done: 5, total: 5 });
  });

  it('names the key the admin is signed in with (the report names none), so a bulk fix count can leave it out', async () => {
    const fx = await signedIn('admin');
    const result = await runAudit(auditHostOf(fx), {});
    const admin = result.rows.find((row) => row.userName === 'admin');
    expect(admin?.keys.map((key) => key.accessKeyId)).toEqual([fx.sandbox.admin.accessKeyId]);
    expect(
      result.rows
        .filter((row) => row.userName !== 'admin')
        .flatMap((row) => row.keys)
        .every((key) => key.accessKeyId === null),
    ).toBe(true);
    expect(result.requests).toBe(fx.sandbox.stats.calls());
  });

  it('reads ages and last use as IAM reports them', async () => {
    const fx = await signedIn('auditor');
    const result = await runAudit(auditHostOf(fx), { now: Date.now() });
    const bob = result.rows.find((row) => row.userName === 'bob');
    expect(bob?.keys).toMatchObject([
      { slot: 1, active: false, ageDays: 700, lastUsed: { kind: 'used', service: 'ec2' } },
      { slot: 2, active: true, ageDays: 120, lastUsed: { kind: 'never' } },
    ]);
    expect(bob?.flags.map((flag) => flag.id).sort()).toEqual([
      'key-inactive',
      'key-never-used',
      'key-older-than-limit',
    ]);
  });

  it('uses a recent report when it may read reports but not generate them', async () => {
    const fx = await signedIn('admin');
    await runAudit(auditHostOf(fx));
    refuseCredentialReport(fx.core.session, ['GenerateCredentialReport']);
    fx.sandbox.stats.reset();
    const result = await runAudit(auditHostOf(fx));
    expect(result.source).toBe('credential-report');
    expect(fx.sandbox.stats.calls('GetCredentialReport')).toBe(1);
  });
});

describe('the audit user by user, when the credential report is refused', () => {
  it('completes with every user under throttling, and no error reaches the person', async () => {
    const fx = await signedIn('admin', {
      seed: generateSeed({ users: 120 }),
      rateLimit: { perSecond: 40, burst: 5 },
    });
    refuseCredentialReport(fx.core.session);
    const progress: AuditProgress[] = [];
    const result = await runAudit(auditHostOf(fx), { onProgress: (p) => progress.push(p) });

    expect(result.source).toBe('per-user');
    expect(auditedUsers(result)).toEqual(expectedUsers(fx));
    expect(fx.sandbox.stats.throttled()).toBeGreaterThan(0);
    expect(result.summary.rootAccount).toBeNull();
    const keyIds = result.rows.flatMap((row) => row.keys.map((key) => key.accessKeyId));
    expect(keyIds.every((id) => id !== null && fx.sandbox.state.accessKeys.has(id))).toBe(true);
    const reading = progress.filter((p) => p.phase === 'reading-keys');
    expect(reading.at(-1)).toMatchObject({ done: 120, total: 120 });
    expect(progress.some((p) => p.slowedDown)).toBe(true);
  }, 30_000);

  it('stops promptly when cancelled, and sends nothing more', async () => {
    const fx = await signedIn('admin', {
      seed: generateSeed({ users: 60 }),
      latencyMs: 20,
      rateLimit: { perSecond: 20, burst: 5 },
    });
    const controller = new AbortController();
    const audit = runAudit(auditHostOf(fx), {
      source: 'per-user',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'reading-keys' && p.done === 3) controller.abort();
      },
    });
    const started = performance.now();
    const error = await audit.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(2_000);
    const calls = fx.sandbox.stats.calls();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fx.sandbox.stats.calls()).toBe(calls);
  });

  it('explains what to ask for when neither way of auditing is allowed', async () => {
    const fx = await signedIn('alice');
    const error = await runAudit(auditHostOf(fx)).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('access-denied');
    expect((error as AppError).message).toMatch(/cannot audit this account/);
    expect((error as AppError).hint).toMatch(/iam:GenerateCredentialReport.*iam:ListUsers/);
  });
});

describe('users Keyward has not seen before', () => {
  it('flags nobody on the first audit, then the users with keys who appeared since', async () => {
    const fx = await signedIn('admin');
    const first = await runAudit(auditHostOf(fx));
    expect(first.summary.firstAudit).toBe(true);
    expect(first.summary.flags['new-user']).toBe(0);

    const { state } = fx.sandbox;
    const now = new Date();
    state.addUser({ userName: 'carol', path: '/', permission: 'none', tags: [], createDate: now });
    state.createAccessKey('carol', now);
    state.addUser({ userName: 'dave', path: '/', permission: 'none', tags: [], createDate: now });
    state.credentialReport = undefined;

    const second = await runAudit(auditHostOf(fx));
    expect(second.summary.firstAudit).toBe(false);
    const flagged = second.rows.filter((row) => row.flags.some((flag) => flag.id === 'new-user'));
    // dave has no keys: there is nothing of his to check yet.
    expect(flagged.map((row) => row.userName)).toEqual(['carol']);
  });
});
