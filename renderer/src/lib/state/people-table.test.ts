import { describe, expect, it } from 'vitest';
import type { PeopleChanges, PersonCells, PersonRow } from '../../../../electron/common/people';
import { fakeApi, later, ok, refused, settle } from '../../../../testing/renderer/fake-api';
import { PeopleTable } from './people-table.svelte';

const loading: PersonCells = { state: 'loading' };

function read(activeKeys: number, inactiveKeys: number, extra: Partial<PersonCells> = {}) {
  return {
    state: 'read',
    activeKeys,
    inactiveKeys,
    oldestActiveKeyDays: activeKeys > 0 ? 10 * activeKeys : null,
    lastUsed: { kind: 'never' },
    flags: [],
    ...extra,
  } as PersonCells;
}

const row = (userName: string, cells: PersonCells = loading): PersonRow => ({
  userName,
  path: '/',
  cells,
});

function changes(
  version: number,
  rows: PersonRow[],
  reading: { listing: boolean; filling: boolean },
): PeopleChanges {
  return {
    run: 7,
    version,
    rows,
    listing: reading.listing ? { state: 'reading', listed: 2 } : { state: 'done', listed: 3 },
    filling: {
      source: 'credential-report',
      state: reading.filling ? 'reading' : 'done',
      filled: 0,
      slowedDown: false,
      reportGeneratedAt: null,
      staleKeyDays: 90,
      unusedKeyDays: 90,
    },
  };
}

describe('the People table', () => {
  it('shows the first page at once, then adds people and fills their columns as main reads them', async () => {
    const next = later<PeopleChanges | null>();
    const { api, calls } = fakeApi({
      people: {
        open: () =>
          Promise.resolve(
            ok(changes(1, [row('bob'), row('alice')], { listing: true, filling: true })),
          ),
        changes: () => next.promise,
      },
    });
    const table = new PeopleTable(api);
    const loaded = table.load();
    await settle();
    expect(table.sorted.map((r) => r.userName)).toEqual(['alice', 'bob']);
    expect(table.rows.every((r) => r.cells.state === 'loading')).toBe(true);
    expect(table.reading).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(calls.at(-1)).toEqual({ method: 'people.changes', input: { run: 7, since: 1 } });
    next.answer(
      changes(4, [row('bob', read(1, 1)), row('carol', read(2, 0)), row('alice', read(0, 0))], {
        listing: false,
        filling: false,
      }),
    );
    await loaded;
    expect(table.rows).toHaveLength(3);
    expect(table.reading).toBe(false);

    table.sort('keys');
    expect(table.sorted.map((r) => r.userName)).toEqual(['carol', 'bob', 'alice']);
    table.sort('keys');
    expect(table.sorted.map((r) => r.userName)).toEqual(['alice', 'bob', 'carol']);
    table.query = 'ca';
    expect(table.sorted.map((r) => r.userName)).toEqual(['carol']);
  });

  it('counts the people ticked for new keys, and forgets them on sign-out', async () => {
    const { api } = fakeApi({
      people: {
        open: () =>
          Promise.resolve(
            ok(changes(1, [row('alice'), row('bob')], { listing: false, filling: false })),
          ),
      },
    });
    const table = new PeopleTable(api);
    await table.load();
    table.toggle('alice');
    table.toggle('bob');
    table.toggle('alice');
    expect([...table.chosen]).toEqual(['bob']);
    table.opened = 'bob';
    table.reset();
    expect(table.chosen.size).toBe(0);
    expect(table.rows).toEqual([]);
    expect(table.opened).toBeNull();
  });

  it('says why when not even the first page could be read', async () => {
    const { api } = fakeApi({
      people: { open: () => refused('access-denied', 'You may not list people.') },
    });
    const table = new PeopleTable(api);
    await table.load();
    expect(table.opening.error?.message).toBe('You may not list people.');
    expect(table.rows).toEqual([]);
  });

  it('reads the table once per sign-in, however often the screen asks, and again after a reset', async () => {
    const { api, calls } = fakeApi({
      people: {
        open: () =>
          Promise.resolve(ok(changes(1, [row('alice')], { listing: false, filling: false }))),
      },
    });
    const table = new PeopleTable(api);
    await Promise.all([table.loadFor('123 admin'), table.loadFor('123 admin')]);
    await table.loadFor('123 admin');
    expect(calls.filter((c) => c.method === 'people.open')).toHaveLength(1);
    table.reset();
    await table.loadFor('123 admin');
    expect(calls.filter((c) => c.method === 'people.open')).toHaveLength(2);
  });
});
