import { describe, expect, it } from 'vitest';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { KeySending } from './stored-keys-send.svelte';

const code = 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq';

describe('sending a kept key to my other computer', () => {
  it('seals it to the receiving code typed (trimmed) and says where the key file went', async () => {
    const { api, calls } = fakeApi({
      profiles: {
        send: () => Promise.resolve(ok({ path: '/home/a/work.keyward', passphrase: null })),
      },
    });
    const sending = new KeySending(api, 'work');
    sending.code = `  ${code}\n`;
    expect(await sending.send()).toBe(true);
    expect(calls).toEqual([
      {
        method: 'profiles.send',
        input: { name: 'work', lock: { kind: 'recipients', codes: [code] } },
      },
    ]);
    expect(sending.saved).toEqual({ path: '/home/a/work.keyward', passphrase: null });
  });

  it('with a passphrase, asks main to make one up and keeps it to show once', async () => {
    const { api, calls } = fakeApi({
      profiles: {
        send: () => Promise.resolve(ok({ path: '/w.keyward', passphrase: 'a-b-c-d-e-f' })),
      },
    });
    const sending = new KeySending(api, 'work');
    sending.way = 'passphrase';
    await sending.send();
    expect(calls[0]?.input).toEqual({
      name: 'work',
      lock: { kind: 'passphrase', passphrase: null },
    });
    expect(sending.saved?.passphrase).toBe('a-b-c-d-e-f');
    sending.reset();
    expect(sending.saved).toBeNull();
    expect(sending.way).toBe('code');
  });

  it('a closed save dialog saves nothing; a refusal says why', async () => {
    let answer = Promise.resolve(ok<null>(null));
    const { api } = fakeApi({ profiles: { send: () => answer } });
    const sending = new KeySending(api, 'work');
    sending.code = 'age1nope';
    expect(await sending.send()).toBe(false);
    expect(sending.saved).toBeNull();
    expect(sending.sending.error).toBeNull();
    answer = refused('invalid-recipient', 'That is not a receiving code.');
    expect(await sending.send()).toBe(false);
    expect(sending.sending.error?.message).toBe('That is not a receiving code.');
  });
});
