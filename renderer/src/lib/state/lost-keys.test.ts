import { describe, expect, it, vi } from 'vitest';
import type { LostKey } from '../../../../electron/common/domain';
import type { Result } from '../../../../electron/common/result';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { Announcer } from './announcer.svelte';
import { LostKeys } from './lost-keys.svelte';

const first: LostKey = {
  journalId: '11111111-1111-4111-8111-111111111111',
  userName: 'alice',
  accessKeyId: 'AKIAAAAAAAAAAAAAWXYZ',
  startedAt: '2025-01-01T00:00:00Z',
};
const second: LostKey = { ...first, journalId: '22222222-2222-4222-8222-222222222222' };

/** Both lost keys, listed; main answers each request to deal with one with `resolve()`. */
async function bothLost(resolve: () => Promise<Result<null>>) {
  const { api } = fakeApi({ lost: { list: () => Promise.resolve(ok([first, second])), resolve } });
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  const lost = new LostKeys(api, announcer);
  await lost.load();
  return { lost, said };
}

describe('keys whose secret was never kept', () => {
  it('shows which key is being deleted, then drops it from the list and says so', async () => {
    const deleting = later<null>();
    const { lost, said } = await bothLost(() => deleting.promise);
    const resolving = lost.resolve(first, 'delete');
    expect(lost.doingTo(first)).toBe('delete');
    expect(lost.doingTo(second)).toBeNull();
    deleting.answer(null);
    await resolving;
    expect(lost.items).toEqual([second]);
    expect(said).toHaveBeenLastCalledWith('Key AKIA…WXYZ was deleted.');
  });

  it('says why it failed beside that key only', async () => {
    const { lost } = await bothLost(() => refused('not-signed-in', 'Sign in first.'));
    await lost.resolve(second, 'deactivate');
    expect(lost.errorOf(second)?.message).toBe('Sign in first.');
    expect(lost.errorOf(first)).toBeNull();
    expect(lost.items).toHaveLength(2);
  });

  it('drops a key AWS dealt with even when another key was acted on meanwhile', async () => {
    const answers = [later<null>(), later<null>()];
    let call = 0;
    const { lost } = await bothLost(() => (answers[call++] ?? later<null>()).promise);
    const one = lost.resolve(first, 'delete');
    const two = lost.resolve(second, 'dismiss');
    answers[0]?.answer(null);
    await one;
    expect(lost.items).toEqual([second]);
    expect(lost.doingTo(second)).toBe('dismiss');
    answers[1]?.answer(null);
    await two;
    expect(lost.items).toEqual([]);
  });
});
