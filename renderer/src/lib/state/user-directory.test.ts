import { describe, expect, it } from 'vitest';
import type { IamUserSummary, UserPage } from '../../../../electron/common/domain';
import { fakeApi, later, ok, settle, refused } from '../../../../testing/renderer/fake-api';
import { UserDirectory } from './user-directory.svelte';

const user = (userName: string): IamUserSummary => ({
  userName,
  userId: `AIDA${userName.toUpperCase()}`,
  arn: `arn:aws:iam::123456789012:user/${userName}`,
  path: '/',
  created: '2025-01-01T00:00:00Z',
});

describe('everyone in the AWS account', () => {
  it('shows the first page at once and adds the next ones as they come', async () => {
    const second = later<UserPage>();
    const { api } = fakeApi({
      users: {
        list: ({ cursor }) =>
          cursor === null
            ? Promise.resolve(ok({ users: [user('alice'), user('bob')], cursor: 'page-2' }))
            : second.promise,
      },
    });
    const directory = new UserDirectory(api);
    const loading = directory.load();
    await settle();
    expect(directory.all.map((u) => u.userName)).toEqual(['alice', 'bob']);
    expect(directory.listing.busy).toBe(true);
    second.answer({ users: [user('carol')], cursor: null });
    await loading;
    expect(directory.all).toHaveLength(3);
    expect(directory.listing.busy).toBe(false);
    directory.query = 'car';
    expect(directory.filtered.map((u) => u.userName)).toEqual(['carol']);
  });

  it('says why the list stopped, keeping the people already read', async () => {
    const { api } = fakeApi({
      users: {
        list: ({ cursor }) =>
          cursor === null
            ? Promise.resolve(ok({ users: [user('alice')], cursor: 'page-2' }))
            : refused('throttled', 'AWS is busy.'),
      },
    });
    const directory = new UserDirectory(api);
    await directory.load();
    expect(directory.listing.error?.message).toBe('AWS is busy.');
    expect(directory.all.map((u) => u.userName)).toEqual(['alice']);
  });

  it('after signing out, a page still on its way is not added, and the search is forgotten', async () => {
    const first = later<UserPage>();
    const { api } = fakeApi({ users: { list: () => first.promise } });
    const directory = new UserDirectory(api);
    directory.query = 'ali';
    directory.selected = 'alice';
    const loading = directory.load();
    directory.reset();
    first.answer({ users: [user('alice')], cursor: null });
    await loading;
    expect(directory.all).toEqual([]);
    expect(directory.query).toBe('');
    expect(directory.selected).toBeNull();
    expect(directory.listing.busy).toBe(false);
  });
});
