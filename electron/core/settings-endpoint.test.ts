import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';
import { checkWindowEndpoint } from './settings-endpoint';
import { windowHandlers } from '../../testing/core/window-door';

const f = keywardForEachTest();

const handlers = () => windowHandlers(f);

describe('pointing the window at another endpoint', () => {
  it.each([
    'https://iam.test.example.com',
    'http://127.0.0.1:4566',
    'http://localhost:4566',
    'http://[::1]:4566',
  ])('accepts %s (https, or a server on this computer)', (endpoint) => {
    expect(() => {
      checkWindowEndpoint(endpoint);
    }).not.toThrow();
  });

  it.each(['http://iam.test.example.com', 'http://10.0.0.5:4566', 'http://127.0.0.1.evil.example'])(
    'refuses %s: keys would cross a network in the clear',
    (endpoint) => {
      expect(() => {
        checkWindowEndpoint(endpoint);
      }).toThrow(/secure connection/);
    },
  );

  it('asks in a dialog main shows, naming the address, and changes nothing unless confirmed', async () => {
    const before = (await f.core.settings.read()).endpoint;
    const other = 'https://iam.test.example.com';
    await expect(handlers()['settings.update']({ endpoint: other })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(f.platform.dialogs.confirm).toHaveLength(1);
    expect(f.platform.dialogs.confirm[0]?.message).toContain(other);
    expect((await f.core.settings.read()).endpoint).toBe(before);

    f.platform.answerNextConfirm(true);
    expect(await handlers()['settings.update']({ endpoint: other })).toMatchObject({
      endpoint: other,
    });
  });

  it('asks nothing when the address stays, goes back to AWS, or is refused anyway', async () => {
    const { endpoint } = await f.core.settings.read();
    await handlers()['settings.update']({ endpoint, clipboardSeconds: 45 });
    await expect(
      handlers()['settings.update']({ endpoint: 'http://me:pw@127.0.0.1:4566' }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    await handlers()['settings.update']({ endpoint: null });
    expect(f.platform.dialogs.confirm).toEqual([]);
    expect((await f.core.settings.read()).endpoint).toBeNull();
  });
});
