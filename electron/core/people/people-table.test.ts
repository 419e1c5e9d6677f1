import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import { refuseCredentialReport } from '../../../testing/core/audit/refuse-report';
import type { PeopleChanges, PersonCells } from '../../common/people';
import { PeopleRows } from './people-rows';
import { startPeopleRun } from './people-run';

let f: KeywardFixture | undefined;

async function signedIn(userName: string): Promise<KeywardFixture> {
  f = await startKeyward();
  await f.signInAs(userName);
  f.sandbox.stats.reset();
  return f;
}

afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** Each person's key counts as the sandbox holds them: what the Keys column must say. */
function expectedKeys(fx: KeywardFixture): Record<string, { active: number; inactive: number }> {
  const { state } = fx.sandbox;
  return Object.fromEntries(
    state.sortedUsers().map((user) => {
      const keys = state.keysOf(user.userName);
      const active = keys.filter((key) => key.status === 'Active').length;
      return [user.userName, { active, inactive: keys.length - active }];
    }),
  );
}

function keysShown(changes: PeopleChanges): Record<string, { active: number; inactive: number }> {
  return Object.fromEntries(
    changes.rows.map((row) => {
      if (row.cells.state !== 'read') throw new Error(`${row.userName}: ${row.cells.state}`);
      return [row.userName, { active: row.cells.activeKeys, inactive: row.cells.inactiveKeys }];
    }),
  );
}

function cellsOf(changes: PeopleChanges, userName: string): PersonCells | undefined {
  return changes.rows.find((row) => row.userName === userName)?.cells;
}

/** The whole table, once every row is filled. */
async function readWhole(fx: KeywardFixture): Promise<PeopleChanges> {
  const opened = await fx.core.people.open();
  await fx.core.people.settled();
  const whole = fx.core.people.changes(opened.run, 0);
  if (!whole) throw new Error('the table was dropped');
  return whole;
}

describe('the People table', () => {
  it('answers with the first page of names at once, then fills every row from one credential report', async () => {
    const fx = await signedIn('admin');
    const first = await fx.core.people.open();
    expect(first.rows.map((row) => row.userName)).toEqual(
      fx.sandbox.state.sortedUsers().map((user) => user.userName),
    );
    expect(first.rows.every((row) => row.cells.state === 'loading')).toBe(true);

    await fx.core.people.settled();
    const filled = fx.core.people.changes(first.run, 0);
    expect(filled).not.toBeNull();
    if (!filled) return;
    expect(filled.filling).toMatchObject({ source: 'credential-report', state: 'done', filled: 5 });
    expect(filled.listing).toEqual({ state: 'done', listed: 5 });
    expect(keysShown(filled)).toEqual(expectedKeys(fx));
    // The audit's rules: bob's active key is 120 days old (over the 90-day limit) and never
    // used; his old one is deactivated but not deleted.
    const bob = cellsOf(filled, 'bob');
    expect(bob).toMatchObject({ state: 'read', oldestActiveKeyDays: 120 });
    expect(bob?.state === 'read' && [...bob.flags].sort()).toEqual([
      'key-inactive',
      'key-never-used',
      'key-older-than-limit',
    ]);
    expect(bob?.state === 'read' && bob.lastUsed.kind).toBe('used');
    expect(fx.sandbox.stats.calls('ListAccessKeys')).toBe(0);

    // Only what changed since the window's last version crosses the bridge.
    expect(fx.core.people.changes(first.run, filled.version)?.rows).toEqual([]);
  });

  it('opened again, reads the report IAM already has, downloading it once', async () => {
    const fx = await signedIn('admin');
    const made = (await readWhole(fx)).filling.reportGeneratedAt;
    expect(made).toEqual(expect.any(String));

    fx.sandbox.stats.reset();
    const again = await readWhole(fx);
    expect(again.filling).toMatchObject({ source: 'credential-report', reportGeneratedAt: made });
    expect(fx.sandbox.stats.calls('GetCredentialReport')).toBe(1);
    expect(keysShown(again)).toEqual(expectedKeys(fx));
  });

  it('fills from the report IAM already has while IAM cannot make a new one', async () => {
    const fx = await signedIn('admin');
    const made = (await readWhole(fx)).filling.reportGeneratedAt;
    // Every GenerateCredentialReport fails from now on (AWS-side errors, retries included).
    for (let n = 1; n <= 30; n++) fx.sandbox.faults.failNth('GenerateCredentialReport', n, 'error');

    fx.sandbox.stats.reset();
    const again = await readWhole(fx);
    expect(again.filling).toMatchObject({ source: 'credential-report', reportGeneratedAt: made });
    expect(fx.sandbox.stats.calls('ListAccessKeys')).toBe(0);
  });

  it('does not show a report IAM has let expire: a new one is made', async () => {
    const fx = await signedIn('admin');
    const made = (await readWhole(fx)).filling.reportGeneratedAt ?? '';
    // IAM keeps a report four hours; a key deactivated since must show in the new one.
    fx.sandbox.clock.advance(4 * 60 * 60 * 1000 + 60_000);
    const bob = fx.sandbox.state.keysOf('bob').find((key) => key.status === 'Active');
    if (bob) bob.status = 'Inactive';

    const again = await readWhole(fx);
    const remade = again.filling.reportGeneratedAt ?? '';
    expect(Date.parse(remade) - Date.parse(made)).toBeGreaterThanOrEqual(4 * 60 * 60 * 1000);
    expect(cellsOf(again, 'bob')).toMatchObject({ state: 'read', activeKeys: 0 });
  });

  it('while IAM is still making the report, fills the first screenful person by person', async () => {
    const fx = await signedIn('admin');
    fx.sandbox.state.credentialReportMakingMs = 10 * 60_000;
    const first = await fx.core.people.open();
    await vi.waitFor(
      () => {
        const now = fx.core.people.changes(first.run, 0);
        expect(now?.rows.every((row) => row.cells.state === 'read')).toBe(true);
      },
      { timeout: 15_000, interval: 100 },
    );
    // Still no report: each person was read on their own.
    expect(fx.core.people.changes(first.run, 0)?.filling.source).not.toBe('credential-report');
    expect(fx.sandbox.stats.calls('ListAccessKeys')).toBe(5);

    // Once IAM has it, the report fills what is left (here nobody) and the table is done.
    fx.sandbox.clock.advance(10 * 60_000);
    await fx.core.people.settled();
    const whole = fx.core.people.changes(first.run, 0);
    expect(whole?.filling).toMatchObject({ source: 'credential-report', state: 'done', filled: 5 });
    if (whole) expect(keysShown(whole)).toEqual(expectedKeys(fx));
  });

  it('reads person by person at the pace AWS allows when the credential report is refused', async () => {
    const fx = await signedIn('admin');
    refuseCredentialReport(fx.core.session);
    const first = await fx.core.people.open();
    await fx.core.people.settled();
    const filled = fx.core.people.changes(first.run, 0);
    if (!filled) throw new Error('the table was dropped');
    expect(filled.filling).toMatchObject({ source: 'per-user', state: 'done', filled: 5 });
    expect(keysShown(filled)).toEqual(expectedKeys(fx));
    expect(fx.sandbox.stats.calls('ListAccessKeys')).toBe(5);
    const alice = cellsOf(filled, 'alice');
    expect(alice).toMatchObject({ state: 'read', activeKeys: 1, lastUsed: { kind: 'used' } });
  });

  it('says why a person could not be read instead of leaving the row blank', async () => {
    const fx = await signedIn('admin');
    // The first person's ListAccessKeys fails every time it is tried (the retries included).
    for (let n = 1; n <= 5; n++) fx.sandbox.faults.failNth('ListAccessKeys', n, 'error');
    const rows = new PeopleRows(1, { staleKeyDays: 90, unusedKeyDays: 90 });
    const run = startPeopleRun(
      {
        signedIn: () => fx.core.session.signedIn(),
        listUsers: (options) => fx.core.keyAdmin.listUsers(options),
      },
      rows,
      {
        source: 'per-user',
        rules: { staleKeyDays: 90, unusedKeyDays: 90, seenBefore: null, now: Date.now() },
        signal: new AbortController().signal,
        concurrency: 1,
      },
    );
    await run.done;
    const changes = rows.changesSince(0);
    const [firstPerson, ...others] = changes.rows;
    expect(firstPerson?.cells).toMatchObject({ state: 'unreadable' });
    expect(firstPerson?.cells.state === 'unreadable' && firstPerson.cells.why).toMatch(
      new RegExp(`read ${firstPerson?.userName ?? ''}’s keys`),
    );
    expect(others.every((row) => row.cells.state === 'read')).toBe(true);
  });

  it('forgets the table on sign-out', async () => {
    const fx = await signedIn('admin');
    const first = await fx.core.people.open();
    fx.core.session.signOut();
    expect(fx.core.people.changes(first.run, 0)).toBeNull();
  });

  it('refuses plainly when not even the list of people may be read', async () => {
    const fx = await signedIn('alice');
    await expect(fx.core.people.open()).rejects.toMatchObject({ code: 'access-denied' });
  });
});
