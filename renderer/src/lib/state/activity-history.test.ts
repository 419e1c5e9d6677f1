import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../../electron/common/activity';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { ActivityHistory, activityPage } from './activity-history.svelte';

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
    const history = new ActivityHistory(api);
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
    const history = new ActivityHistory(api);
    await history.load();
    expect(history.loading.error?.message).toBe('The log is damaged.');
    expect(history.entries).toEqual([]);
  });
});
