import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../../electron/common/activity';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { ActivityHistory, activityPage } from './activity-history.svelte';
import { Announcer } from './announcer.svelte';

function entry(n: number): ActivityEntry {
  return {
    at: `2026-11-30T08:${String(n).padStart(2, '0')}:00.000Z`,
    actor: 'arn:aws:iam::123456789012:user/admin',
    action: 'key.created',
    userName: 'alice',
    accessKeyId: `AKIAAAAAAAAAAAAA${String(n).padStart(4, '0')}`,
  };
}

describe('the activity log in the window', () => {
  it('shows the newest first, and asks for more only when there may be older entries', async () => {
    const log = Array.from({ length: 80 }, (_, n) => entry(n));
    const { api, calls } = fakeApi({
      activity: {
        list: (input) => Promise.resolve(ok(log.slice(-(input?.limit ?? 20)))),
      },
    });
    const history = new ActivityHistory(api, new Announcer());
    await history.load();
    expect(history.entries).toHaveLength(activityPage);
    expect(history.entries[0]).toEqual(entry(79));
    expect(history.mayHaveOlder).toBe(true);

    await history.showOlder();
    expect(history.entries).toHaveLength(80);
    expect(history.entries.at(-1)).toEqual(entry(0));
    expect(history.mayHaveOlder).toBe(false);
    expect(calls.map((call) => call.input)).toEqual([
      { limit: activityPage },
      { limit: 2 * activityPage },
    ]);
  });

  it('says why the log could not be read, in main’s words', async () => {
    const { api } = fakeApi({
      activity: {
        list: () => refused('internal', 'The log is damaged.'),
      },
    });
    const history = new ActivityHistory(api, new Announcer());
    await history.load();
    expect(history.loading.error?.message).toBe('The log is damaged.');
    expect(history.entries).toEqual([]);
  });
});

describe('filtering and exporting the history', () => {
  function history(log: ActivityEntry[] = [entry(1), entry(2)]) {
    const announcer = new Announcer();
    const fake = fakeApi({
      activity: {
        list: () => Promise.resolve(ok(log)),
        export: () => Promise.resolve(ok({ path: '/home/alice/history.csv' })),
      },
    });
    return { history: new ActivityHistory(fake.api, announcer), calls: fake.calls, announcer };
  }

  it('asks main for the entries of a key, a person and whole days, from local midnight', async () => {
    const { history: shown, calls } = history();
    shown.key = ' work ';
    shown.person = 'alice';
    shown.from = '2026-03-01';
    shown.to = '2026-03-31';
    expect(await shown.apply()).toBe(true);
    expect(shown.filtered).toBe(true);
    expect(calls.at(-1)?.input).toEqual({
      key: 'work',
      person: 'alice',
      since: new Date(2026, 2, 1).toISOString(),
      before: new Date(2026, 3, 1).toISOString(),
      limit: activityPage,
    });
  });

  it('refuses a “to” day before the “from” day, and asks main nothing', async () => {
    const { history: shown, calls } = history();
    shown.from = '2026-03-10';
    shown.to = '2026-03-01';
    expect(shown.dateProblem).toMatch(/before the “from” date/);
    expect(await shown.apply()).toBe(false);
    expect(calls).toEqual([]);
  });

  it('clearing the filters shows everything again', async () => {
    const { history: shown, calls } = history();
    shown.person = 'bob';
    await shown.apply();
    await shown.clear();
    expect(shown.person).toBe('');
    expect(shown.filtered).toBe(false);
    expect(calls.at(-1)?.input).toEqual({ limit: activityPage });
  });

  it('exports what is shown: main is asked with the filter applied, not the one half-typed', async () => {
    const { history: shown, calls } = history();
    shown.person = 'alice';
    await shown.apply();
    shown.person = 'bob';
    await shown.exportCsv();
    expect(calls.at(-1)).toMatchObject({ input: { person: 'alice' } });
    expect(shown.exporting.value).toEqual({ path: '/home/alice/history.csv' });
  });

  it('says why the export failed, in main’s words', async () => {
    const { api } = fakeApi({
      activity: { export: () => refused('internal', 'The folder cannot be written.') },
    });
    const shown = new ActivityHistory(api, new Announcer());
    await shown.exportCsv();
    expect(shown.exporting.error?.message).toBe('The folder cannot be written.');
  });
});
