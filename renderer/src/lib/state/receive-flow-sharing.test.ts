import { describe, expect, it, vi } from 'vitest';
import type { MyReceivingCode } from '../../../../electron/common/code-directory';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { Announcer } from './announcer.svelte';
import { CodeSharing } from './receive-flow-sharing.svelte';

const words = ['line', 'dividers', 'bonehead', 'avalanche'];
const mine = (published: MyReceivingCode['published'], userName: string | null = 'alice') => ({
  code: 'age1example',
  fingerprint: words,
  published,
  userName,
});

function sharingWith(states: MyReceivingCode[], methods: { publish?: boolean } = {}) {
  let index = 0;
  const { api, calls } = fakeApi({
    directory: {
      mine: () =>
        Promise.resolve(ok(states[Math.min(index++, states.length - 1)] ?? mine('unknown'))),
      publish: () =>
        methods.publish === false
          ? refused('access-denied', 'AWS did not let you share your receiving code in AWS.')
          : Promise.resolve(ok({ code: 'age1example', fingerprint: words })),
      unpublish: () => Promise.resolve(ok(null)),
    },
  });
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  return { sharing: new CodeSharing(api, announcer), calls, said };
}

describe('sharing the receiving code for the admin to find', () => {
  it('shows the check words and whether the code is shared', async () => {
    const { sharing } = sharingWith([mine('not-shared')]);
    await sharing.load();
    expect(sharing.checkWords).toEqual(words);
    expect(sharing.userName).toBe('alice');
    expect(sharing.shared).toBe(false);
  });

  it('shares, says so with the words, and asks main again', async () => {
    const { sharing, calls, said } = sharingWith([mine('not-shared'), mine('shared')]);
    await sharing.load();
    await sharing.share();
    expect(calls.map((c) => c.method)).toEqual([
      'directory.mine',
      'directory.publish',
      'directory.mine',
    ]);
    expect(sharing.shared).toBe(true);
    expect(said).toHaveBeenCalledWith(
      'Your receiving code is shared in AWS. Its check words are line dividers bonehead avalanche.',
    );
  });

  it('stops sharing', async () => {
    const { sharing, said } = sharingWith([mine('shared'), mine('not-shared')]);
    await sharing.load();
    await sharing.unshare();
    expect(sharing.shared).toBe(false);
    expect(said).toHaveBeenCalledWith('Your receiving code is no longer shared in AWS.');
  });

  it('shows main’s words when AWS refuses, and changes nothing', async () => {
    const { sharing } = sharingWith([mine('not-shared')], { publish: false });
    await sharing.load();
    await sharing.share();
    expect(sharing.changing.error?.message).toBe(
      'AWS did not let you share your receiving code in AWS.',
    );
    expect(sharing.shared).toBe(false);
  });

  it('asks again when who is signed in changes, or when Receive opens again, not otherwise', async () => {
    const { sharing, calls } = sharingWith([mine('unknown', null), mine('not-shared')]);
    const asked = () => calls.filter((c) => c.method === 'directory.mine').length;
    sharing.follow(null);
    sharing.follow(null);
    await vi.waitFor(() => {
      expect(sharing.mine.busy).toBe(false);
    });
    expect(asked()).toBe(1);
    sharing.follow('arn:aws:iam::123456789012:user/alice');
    await vi.waitFor(() => {
      expect(sharing.userName).toBe('alice');
    });
    expect(asked()).toBe(2);
    sharing.showing();
    sharing.follow('arn:aws:iam::123456789012:user/alice');
    expect(asked()).toBe(3);
  });

  it('knows no user to share on without a sign-in', async () => {
    const { sharing } = sharingWith([mine('unknown', null)]);
    await sharing.load();
    expect(sharing.userName).toBeNull();
    expect(sharing.checkWords).toEqual(words);
  });
});
