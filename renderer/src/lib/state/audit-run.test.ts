import { describe, expect, it, vi } from 'vitest';
import type {
  AuditProgress,
  AuditResult,
  AuditRow,
  AuditSummary,
} from '../../../../electron/common/audit';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { onFakeClock } from '../../../../testing/renderer/fake-clock';
import { Announcer } from './announcer.svelte';
import { AuditRun, AuditView, pageSize, phaseText } from './audit-run.svelte';

const flags = {
  'key-older-than-limit': 0,
  'key-never-used': 0,
  'key-unused': 0,
  'key-inactive': 0,
  'two-active-keys': 0,
  'new-user': 0,
  'keys-unreadable': 0,
};
const summary: AuditSummary = {
  users: 2,
  usersWithKeys: 1,
  keys: 1,
  activeKeys: 1,
  flaggedUsers: 1,
  flags,
  staleKeyDays: 90,
  unusedKeyDays: 90,
  firstAudit: false,
  rootAccount: null,
};

function row(userName: string, ageDays: number | null, flagged = false): AuditRow {
  return {
    userName,
    arn: `arn:aws:iam::123456789012:user/${userName}`,
    userCreated: null,
    keys:
      ageDays === null
        ? []
        : [
            {
              slot: 1,
              accessKeyId: null,
              active: true,
              lastRotated: null,
              ageDays,
              lastUsed: { kind: 'never' },
            },
          ],
    flags: flagged ? [{ id: 'key-never-used', slot: 1, explanation: 'Never used.' }] : [],
  };
}

function result(rows: AuditRow[]): AuditResult {
  return {
    accountId: '123456789012',
    source: 'credential-report',
    generatedAt: '2025-01-01T00:00:00Z',
    rows,
    summary,
    requests: 3,
    durationMs: 1200,
  };
}

describe('the account audit', () => {
  onFakeClock();

  it('shows how far it is while it runs, then the result, and says so', async () => {
    const finished = later<AuditResult>();
    const progress: AuditProgress = {
      phase: 'reading-keys',
      done: 5,
      total: 10,
      slowedDown: false,
    };
    const { api } = fakeApi({
      audit: { run: () => finished.promise, progress: () => Promise.resolve(ok(progress)) },
    });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const audit = new AuditRun(api, announcer);
    const running = audit.run();
    expect(audit.auditing.busy).toBe(true);
    expect(said).toHaveBeenCalledWith('The audit has started.');
    await vi.advanceTimersByTimeAsync(400);
    expect(audit.progress).toEqual(progress);
    expect(said).toHaveBeenCalledWith('Reading each person’s keys…');
    finished.answer(result([row('alice', 10, true), row('bob', null)]));
    await vi.advanceTimersByTimeAsync(400);
    await running;
    expect(audit.auditing.busy).toBe(false);
    expect(audit.progress).toBeNull();
    expect(audit.result?.rows).toHaveLength(2);
    expect(said).toHaveBeenLastCalledWith(
      'The audit is done: 2 people, 1 key, 1 person with something to look at.',
    );
  });

  it('a stopped audit says it stopped, shows no error, and keeps the previous result', async () => {
    const { api } = fakeApi({
      audit: {
        last: () => Promise.resolve(ok(result([row('alice', 1)]))),
        run: () => refused('cancelled'),
        progress: () => Promise.resolve(ok(null)),
      },
    });
    const audit = new AuditRun(api, new Announcer());
    await audit.loadLast();
    const running = audit.run();
    await vi.advanceTimersByTimeAsync(400);
    await running;
    expect(audit.stopped).toBe(true);
    expect(audit.auditing.error).toBeNull();
    expect(audit.result?.rows[0]?.userName).toBe('alice');
  });

  it('an audit that fails says why', async () => {
    const { api } = fakeApi({
      audit: {
        run: () => refused('access-denied', 'Not allowed.'),
        progress: () => Promise.resolve(ok(null)),
      },
    });
    const audit = new AuditRun(api, new Announcer());
    const running = audit.run();
    await vi.advanceTimersByTimeAsync(400);
    await running;
    expect(audit.auditing.error?.message).toBe('Not allowed.');
    expect(audit.stopped).toBe(false);
  });

  it('saving as CSV says where it went, or that the save window was closed', async () => {
    let saved: { path: string } | null = { path: '/home/me/audit.csv' };
    const { api } = fakeApi({ audit: { export: () => Promise.resolve(ok(saved)) } });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const audit = new AuditRun(api, announcer);
    await audit.export();
    expect(audit.exporting.value?.path).toBe('/home/me/audit.csv');
    expect(said).toHaveBeenLastCalledWith('The audit was saved as a CSV file.');
    saved = null;
    await audit.export();
    expect(audit.exporting.value).toBeNull();
    expect(said).toHaveBeenLastCalledWith('Not saved: the save window was closed.');
  });

  it('forgets the result and what went wrong once signed out', async () => {
    const { api } = fakeApi({
      audit: {
        last: () => Promise.resolve(ok(result([row('alice', 1)]))),
        export: () => refused('internal'),
      },
    });
    const audit = new AuditRun(api, new Announcer());
    await audit.loadLast();
    await audit.export();
    audit.forget();
    expect(audit.result).toBeNull();
    expect(audit.exporting.error).toBeNull();
  });
});

describe('the audit table', () => {
  it('puts the most flagged first, filters by name and by flag, and pages by 50', () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(`user${String(i)}`, i, i === 7));
    const view = new AuditView(() => result(rows));
    expect(view.visible[0]?.userName).toBe('user7');
    expect(view.visible).toHaveLength(pageSize);
    expect(view.pageCount).toBe(3);
    view.search('USER11');
    expect(view.filtered.map((line) => line.userName)).toEqual([
      'user11',
      'user110',
      'user111',
      'user112',
      'user113',
      'user114',
      'user115',
      'user116',
      'user117',
      'user118',
      'user119',
    ]);
    view.search('');
    view.filterBy('problems');
    expect(view.filtered.map((line) => line.userName)).toEqual(['user7']);
  });

  it('sorts by age, oldest first, and again reverses it; unknown ages go last', () => {
    const view = new AuditView(() => result([row('a', 5), row('b', null), row('c', 50)]));
    view.sort('age');
    expect(view.sorted.map((line) => line.userName)).toEqual(['c', 'a', 'b']);
    view.sort('age');
    expect(view.sorted.map((line) => line.userName)).toEqual(['a', 'c', 'b']);
  });

  it('says what each phase is doing in words', () => {
    expect(phaseText({ phase: 'listing-users', done: 3, total: null, slowedDown: false })).toBe(
      'Listing the people in the account: 3 people so far…',
    );
  });
});

describe('the audit of several accounts', () => {
  onFakeClock();

  const inAccount = (r: AuditRow, accountId: string, accountAlias: string | null): AuditRow => ({
    ...r,
    accountId,
    accountAlias,
  });
  const parts = (ids: string[]) =>
    ids.map((accountId) => ({
      accountId,
      accountAlias: null,
      source: 'credential-report' as const,
      summary,
    }));

  it('asks main for every signed-in account only when chosen', async () => {
    const { api, calls } = fakeApi({
      audit: {
        run: () => Promise.resolve(ok(result([row('alice', 1)]))),
        progress: () => Promise.resolve(ok(null)),
      },
    });
    const audit = new AuditRun(api, new Announcer());
    const runOnce = async () => {
      const running = audit.run();
      await vi.advanceTimersByTimeAsync(400);
      await running;
    };
    await runOnce();
    audit.scope = 'all';
    await runOnce();
    expect(calls.filter((c) => c.method === 'audit.run').map((c) => c.input)).toEqual([
      { source: 'auto', accounts: 'current' },
      { source: 'auto', accounts: 'all' },
    ]);
    audit.forget();
    expect(audit.scope).toBe('current');
  });

  it('says an audit stopped by a switch of account was stopped by it, whichever comes first', async () => {
    const stoppedBySwitch = {
      code: 'cancelled' as const,
      message: 'The audit was stopped because you switched to another AWS account.',
      hint: 'Run it again.',
      details: { stoppedBy: 'account-switch' as const },
    };
    for (const order of ['switch-first', 'answer-first'] as const) {
      const running = later<AuditResult>();
      const { api } = fakeApi({
        audit: { run: () => running.promise, progress: () => Promise.resolve(ok(null)) },
      });
      const audit = new AuditRun(api, new Announcer());
      const started = audit.run();
      if (order === 'switch-first') audit.forget('switched');
      running.refuse(stoppedBySwitch);
      await vi.advanceTimersByTimeAsync(400);
      await started;
      if (order === 'answer-first') audit.forget('switched');
      expect({ order, stopped: audit.stopped, bySwitch: audit.stoppedBySwitch }).toEqual({
        order,
        stopped: true,
        bySwitch: true,
      });
      // Signing out afterwards forgets it, as it forgets everything.
      audit.forget('signed-out');
      expect(audit.stopped).toBe(false);
    }
  });

  it('keeps an audit of every account on switching account, not one of a single account', () => {
    const audit = new AuditRun(fakeApi({}).api, new Announcer());
    const several: AuditResult = {
      ...result([inAccount(row('alice', 1), '123456789012', 'example-corp')]),
      accounts: parts(['123456789012', '210987654321']),
    };
    audit.result = several;
    audit.forget('switched');
    expect(audit.result).toBe(several);
    audit.forget('signed-out');
    expect(audit.result).toBeNull();

    audit.result = result([row('alice', 1)]);
    audit.forget('switched');
    expect(audit.result).toBeNull();
  });

  it('sorts and filters by account, named by alias and id', () => {
    const several: AuditResult = {
      ...result([
        inAccount(row('alice', 1), '123456789012', 'example-corp'),
        inAccount(row('carol', 2), '210987654321', 'example-labs'),
        inAccount(row('zed', 3), '999999999999', null),
      ]),
      accounts: parts(['123456789012', '210987654321', '999999999999']),
    };
    const view = new AuditView(() => several);
    expect(view.lines.map((line) => line.accountText)).toEqual([
      'example-corp (123456789012)',
      'example-labs (210987654321)',
      '999999999999',
    ]);
    view.sort('account');
    expect(view.sorted.map((line) => line.userName)).toEqual(['zed', 'alice', 'carol']);
    view.filterByAccount('210987654321');
    expect(view.sorted.map((line) => line.userName)).toEqual(['carol']);
  });
});
