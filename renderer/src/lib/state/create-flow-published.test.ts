import { describe, expect, it, vi } from 'vitest';
import type { PublishedCode } from '../../../../electron/common/code-directory';
import type { FakeMethods } from '../../../../testing/renderer/fake-api';
import { fakeApi, ok, refused } from '../../../../testing/renderer/fake-api';
import { alice, newKey, settings } from '../../../../testing/renderer/fixtures';
import { Announcer } from './announcer.svelte';
import { ClipboardTimer } from './clipboard-timer.svelte';
import { CreateFlow } from './create-flow.svelte';
import { Session } from './session.svelte';
import { StoredKeys } from './stored-keys.svelte';

// The admin's create flow for a colleague, with the receiving code the colleague shared in AWS.
const bobsKey = { ...newKey, userName: 'bob' };
const bobsCode = `age1${'q'.repeat(58)}`;
const published = (extra: Partial<PublishedCode> = {}): PublishedCode => ({
  code: bobsCode,
  fingerprint: ['line', 'dividers', 'bonehead', 'avalanche'],
  changedSinceLastUse: false,
  lastUsedCode: null,
  ...extra,
});

function flowFor(user: string, methods: FakeMethods) {
  const { api, calls } = fakeApi({
    keys: { create: () => Promise.resolve(ok(user === 'alice' ? newKey : bobsKey)) },
    handoff: { save: () => Promise.resolve(ok({ path: '/tmp/bob.keyward', passphrase: null })) },
    profiles: { list: () => Promise.resolve(ok([])) },
    settings: { get: () => Promise.resolve(ok(settings)) },
    ...methods,
  });
  const announcer = new Announcer();
  const session = new Session(api, announcer);
  session.identity = alice;
  const flow = new CreateFlow(api, {
    session,
    stored: new StoredKeys(api),
    announcer,
    clipboard: new ClipboardTimer(announcer),
  });
  flow.begin({ forUser: user });
  return { flow, calls };
}

const lookedUp = (flow: CreateFlow) =>
  vi.waitFor(() => {
    if (flow.published.busy || (flow.published.value === null && flow.published.about === null))
      throw new Error('not yet');
  });

describe('a colleague’s shared receiving code', () => {
  it('fills the code field and brings the check words', async () => {
    const { flow, calls } = flowFor('bob', {
      directory: { lookup: () => Promise.resolve(ok(published())) },
    });
    await flow.create();
    await lookedUp(flow);
    expect(calls.find((c) => c.method === 'directory.lookup')?.input).toEqual({ userName: 'bob' });
    expect(flow.codesText).toBe(bobsCode);
    expect(flow.published.value?.fingerprint).toEqual([
      'line',
      'dividers',
      'bonehead',
      'avalanche',
    ]);
  });

  it('does not replace a code the admin typed already', async () => {
    const { flow } = flowFor('bob', {
      directory: { lookup: () => Promise.resolve(ok(published())) },
    });
    const creating = flow.create();
    flow.codesText = 'age1typed';
    await creating;
    await lookedUp(flow);
    expect(flow.codesText).toBe('age1typed');
  });

  it('says when the code changed since the admin last sealed a key to one', async () => {
    const { flow } = flowFor('bob', {
      directory: {
        lookup: () =>
          Promise.resolve(ok(published({ changedSinceLastUse: true, lastUsedCode: 'age1old' }))),
      },
    });
    await flow.create();
    await lookedUp(flow);
    expect(flow.published.value?.changedSinceLastUse).toBe(true);
  });

  it('with none shared, leaves the field to paste into, as before, and shows no error', async () => {
    const { flow } = flowFor('bob', { directory: { lookup: () => Promise.resolve(ok(null)) } });
    await flow.create();
    await lookedUp(flow);
    expect(flow.codesText).toBe('');
    expect(flow.published.error).toBeNull();
  });

  it('shows why a shared value that is not a receiving code is not used', async () => {
    const { flow } = flowFor('bob', {
      directory: { lookup: () => refused('invalid-recipient', 'Not a valid receiving code.') },
    });
    await flow.create();
    await vi.waitFor(() => {
      expect(flow.published.error?.message).toBe('Not a valid receiving code.');
    });
    expect(flow.codesText).toBe('');
  });

  it('stays quiet when the admin may not read the tags: pasting works as before', async () => {
    const { flow } = flowFor('bob', { directory: { lookup: () => refused('access-denied') } });
    await flow.create();
    await lookedUp(flow);
    expect(flow.published.error).toBeNull();
  });

  it('remembers the code a key was sealed to, for the next time', async () => {
    const { flow, calls } = flowFor('bob', {
      directory: {
        lookup: () => Promise.resolve(ok(published())),
        remember: () => Promise.resolve(ok(null)),
      },
    });
    await flow.create();
    await lookedUp(flow);
    await flow.seal([bobsCode]);
    expect(calls.find((c) => c.method === 'directory.remember')?.input).toEqual({
      userName: 'bob',
      code: bobsCode,
    });
  });

  it('is not looked up for the admin’s own key', async () => {
    const { flow, calls } = flowFor('alice', {});
    await flow.create();
    expect(calls.some((c) => c.method === 'directory.lookup')).toBe(false);
  });
});

describe('a receiving code the admin pasted', () => {
  it('brings its check words once, and forgets them when the field no longer holds one code', async () => {
    const { flow, calls } = flowFor('bob', {
      directory: {
        lookup: () => Promise.resolve(ok(null)),
        checkWords: () => Promise.resolve(ok(['tidy', 'almanac', 'pebble', 'orbit'])),
      },
    });
    await flow.create();
    await flow.showCheckWords(bobsCode);
    await flow.showCheckWords(bobsCode);
    expect(flow.pastedWords.value).toEqual(['tidy', 'almanac', 'pebble', 'orbit']);
    expect(calls.filter((c) => c.method === 'directory.checkWords').map((c) => c.input)).toEqual([
      { code: bobsCode },
    ]);
    await flow.showCheckWords(null);
    expect(flow.pastedWords.value).toBeNull();
  });
});
