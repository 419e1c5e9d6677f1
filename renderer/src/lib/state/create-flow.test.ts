import { describe, expect, it, vi } from 'vitest';
import type { NewKey, PendingKeyState, SavedHandoff } from '../../../../electron/common/domain';
import type { FakeMethods } from '../../../../testing/renderer/fake-api';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { alice, awsKey, keptKey, newKey, settings } from '../../../../testing/renderer/fixtures';
import { Announcer } from './announcer.svelte';
import { ClipboardTimer } from './clipboard-timer.svelte';
import { CreateFlow } from './create-flow.svelte';
import { Session } from './session.svelte';
import { StoredKeys } from './stored-keys.svelte';

const existing = awsKey('AKIAOLDOLDOLDOLD1111');
const kept = keptKey('acme', { accessKeyId: newKey.accessKeyId });

function flowWith(methods: FakeMethods, storedNames: string[] = []) {
  const { api, calls } = fakeApi({
    ...methods,
    profiles: {
      list: () => Promise.resolve(ok(storedNames.map((name) => ({ ...kept, name })))),
      ...methods.profiles,
    },
    settings: { get: () => Promise.resolve(ok(settings)) },
  });
  const announcer = new Announcer();
  const said = vi.spyOn(announcer, 'say');
  const session = new Session(api, announcer);
  session.identity = alice;
  const stored = new StoredKeys(api);
  const clipboard = new ClipboardTimer(announcer);
  const flow = new CreateFlow(api, { session, stored, announcer, clipboard });
  flow.begin();
  return { flow, calls, said, clipboard };
}

describe('creating an access key', () => {
  it('is busy while AWS makes the key, then asks to keep it safe under a free name', async () => {
    const creating = later<NewKey>();
    const { flow, said } = flowWith({ keys: { create: () => creating.promise } }, ['acme']);
    flow.description = '  Laptop backup  ';
    const created = flow.create();
    expect(flow.creating.busy).toBe(true);
    expect(flow.settling).toBe(true);
    expect(flow.holdsKey).toBe(true);
    creating.answer(newKey);
    await created;
    expect(flow.step).toBe('secure');
    expect(flow.profileName).toBe('acme-2');
    expect(flow.blocked).toBe(true);
    expect(said).toHaveBeenLastCalledWith('Key AKIA…9999 was created. Now keep it safe.');
  });

  it('sends the description trimmed, and creates once however often it is pressed', async () => {
    const creating = later<NewKey>();
    const { flow, calls } = flowWith({ keys: { create: () => creating.promise } });
    flow.description = '  Laptop backup  ';
    const first = flow.create();
    const second = flow.create();
    creating.answer(newKey);
    await Promise.all([first, second]);
    const creates = calls.filter((c) => c.method === 'keys.create');
    expect(creates.map((c) => c.input)).toEqual([
      { userName: 'alice', description: 'Laptop backup' },
    ]);
  });

  it('with two keys already, shows them on the limit step instead of an error', async () => {
    const { flow, said } = flowWith({
      keys: {
        create: () => refused('key-limit', undefined, { existingKeys: [existing, existing] }),
      },
    });
    await flow.create();
    expect(flow.step).toBe('limit');
    expect(flow.creating.error).toBeNull();
    expect(flow.limitKeys.keys).toHaveLength(2);
    expect(said).toHaveBeenLastCalledWith('alice already has two keys. One must be deleted first.');
  });

  it('says why AWS would not create the key, and stays on the step', async () => {
    const { flow } = flowWith({
      keys: {
        create: () => refused('access-denied', 'No.'),
      },
    });
    flow.step = 'describe';
    await flow.create();
    expect(flow.step).toBe('describe');
    expect(flow.creating.error?.message).toBe('No.');
  });

  it('shows the secret only between “Show secret” and “Hide”', async () => {
    const { flow } = flowWith({
      keys: {
        create: () => Promise.resolve(ok(newKey)),
        reveal: () => Promise.resolve(ok({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' })),
      },
    });
    await flow.create();
    expect(flow.secret).toBeNull();
    await flow.reveal();
    expect(flow.secret).toBe('wJalrXUtnFEMI/K7MDENG');
    flow.hide();
    expect(flow.secret).toBeNull();
  });

  it('keeping it in the keychain counts as safe; copying it does not', async () => {
    const { flow, said, clipboard } = flowWith({
      keys: {
        create: () => Promise.resolve(ok(newKey)),
        copySecret: () => Promise.resolve(ok({ clearsInSeconds: 30 })),
        storeInKeychain: () => Promise.resolve(ok(kept)),
      },
    });
    await flow.create();
    await flow.copySecret();
    expect(clipboard.owner).toBe('new-key-secret');
    expect(flow.blocked).toBe(true);
    await flow.storeInKeychain();
    expect(flow.storing.value?.name).toBe('acme');
    expect(flow.securedBy).toEqual(['keychain']);
    expect(flow.blocked).toBe(false);
    expect(said).toHaveBeenCalledWith('Kept in this computer’s keychain as “acme”.');
    clipboard.stop();
  });

  it('a save window closed without saving keeps nothing, and says so', async () => {
    const saved = later<SavedHandoff | null>();
    const { flow, said } = flowWith({
      keys: { create: () => Promise.resolve(ok(newKey)) },
      handoff: { save: () => saved.promise },
    });
    await flow.create();
    const saving = flow.saveWithPassphrase();
    expect(flow.savingFile.busy).toBe(true);
    saved.answer(null);
    await saving;
    expect(flow.savingFile.value).toBeNull();
    expect(flow.blocked).toBe(true);
    expect(said).toHaveBeenLastCalledWith('Not saved: the save window was closed.');
  });

  it('sealing it for a colleague counts as safe, and says where the file is', async () => {
    const { flow, calls } = flowWith({
      keys: { create: () => Promise.resolve(ok(newKey)) },
      handoff: {
        save: () => Promise.resolve(ok({ path: '/tmp/alice.keyward', passphrase: null })),
      },
    });
    await flow.create();
    await flow.seal(['age1colleague']);
    expect(flow.sealing.value?.path).toBe('/tmp/alice.keyward');
    expect(flow.securedBy).toEqual(['handoff']);
    expect(calls.find((c) => c.method === 'handoff.save')?.input).toEqual({
      handle: 'handle-1',
      lock: { kind: 'recipients', codes: ['age1colleague'] },
    });
  });

  it('leaving without keeping it deletes the key, as the person chose', async () => {
    const { flow, calls, said } = flowWith({
      keys: {
        create: () => Promise.resolve(ok(newKey)),
        finish: () => Promise.resolve(ok(null)),
      },
    });
    await flow.create();
    const answer = await flow.abandon();
    expect(answer.ok).toBe(true);
    expect(flow.outcome).toBe('discarded');
    expect(flow.blocked).toBe(false);
    expect(calls.find((c) => c.method === 'keys.finish')?.input).toEqual({
      handle: 'handle-1',
      discard: true,
    });
    expect(said).toHaveBeenLastCalledWith('Key AKIA…9999 was deleted.');
  });

  it('a key that could not be deleted on leaving stays, and says why', async () => {
    const { flow } = flowWith({
      keys: {
        create: () => Promise.resolve(ok(newKey)),
        finish: () => refused('network', 'Offline.'),
      },
    });
    await flow.create();
    const answer = await flow.abandon();
    expect(answer.ok ? null : answer.error.message).toBe('Offline.');
    expect(flow.blocked).toBe(true);
  });

  it('after a reload, goes back to keeping a key main still holds', async () => {
    const held: PendingKeyState = { ...newKey, securedBy: [] };
    const { flow, said } = flowWith({ keys: { pending: () => Promise.resolve(ok([held])) } });
    expect(await flow.resumeHeld()).toBe(true);
    expect(flow.step).toBe('secure');
    expect(flow.key?.accessKeyId).toBe(newKey.accessKeyId);
    expect(flow.blocked).toBe(true);
    expect(said).toHaveBeenLastCalledWith(
      'Key AKIA…9999 is not kept anywhere yet. Keep it safe now.',
    );
  });

  it('starting again forgets the last key and what was done with it', async () => {
    const { flow } = flowWith({
      keys: {
        create: () => Promise.resolve(ok(newKey)),
        storeInKeychain: () => Promise.resolve(ok(kept)),
        finish: () => Promise.resolve(ok(null)),
      },
    });
    await flow.create();
    await flow.storeInKeychain();
    await flow.release();
    expect(flow.outcome).toBe('kept');
    flow.begin({ forUser: 'bob', returnTo: 'people' });
    expect(flow.step).toBe('purpose');
    expect(flow.targetUser).toBe('bob');
    expect(flow.key).toBeNull();
    expect(flow.storing.value).toBeNull();
    expect(flow.outcome).toBeNull();
  });
});

describe('keeping the new key safe', () => {
  const created = { create: () => Promise.resolve(ok(newKey)) };

  it('keeps the person’s own new key in the keychain on arrival, under the suggested name', async () => {
    const { flow, calls, said } = flowWith({
      keys: { ...created, storeInKeychain: () => Promise.resolve(ok(kept)) },
    });
    await flow.create();
    expect(flow.finishProblem).toBe('Finish is possible once the key is kept in your keychain.');
    await flow.keepOnArrival({ leaving: false });
    expect(calls.find((c) => c.method === 'keys.storeInKeychain')?.input).toEqual({
      handle: 'handle-1',
      profileName: 'acme',
    });
    expect(flow.securedBy).toEqual(['keychain']);
    expect(flow.finishProblem).toBeNull();
    expect(said).toHaveBeenLastCalledWith('Kept in this computer’s keychain as “acme”.');
    // Only once: coming back to the step later keeps nothing twice.
    await flow.keepOnArrival({ leaving: false });
    expect(calls.filter((c) => c.method === 'keys.storeInKeychain')).toHaveLength(1);
  });

  it('does not keep it by itself while the person is leaving, after a reload, or for a colleague', async () => {
    const held: PendingKeyState = { ...newKey, securedBy: [] };
    const store = () => Promise.resolve(ok(kept));
    const leaving = flowWith({ keys: { ...created, storeInKeychain: store } });
    await leaving.flow.create();
    await leaving.flow.keepOnArrival({ leaving: true });
    await leaving.flow.keepOnArrival({ leaving: false });

    const reloaded = flowWith({
      keys: { pending: () => Promise.resolve(ok([held])), storeInKeychain: store },
    });
    await reloaded.flow.resumeHeld();
    await reloaded.flow.keepOnArrival({ leaving: false });

    const colleague = flowWith({
      keys: {
        create: () => Promise.resolve(ok({ ...newKey, userName: 'bob' })),
        storeInKeychain: store,
      },
    });
    colleague.flow.whose = 'colleague';
    colleague.flow.colleague = 'bob';
    await colleague.flow.create();
    await colleague.flow.keepOnArrival({ leaving: false });
    expect(colleague.flow.finishProblem).toBe(
      'Finish is possible once a key file for bob is saved.',
    );

    for (const { calls, flow } of [leaving, reloaded, colleague]) {
      expect(calls.filter((c) => c.method === 'keys.storeInKeychain')).toEqual([]);
      expect(flow.blocked).toBe(true);
    }
  });

  it('a failed automatic keep says why, and leaves the key held to keep another way', async () => {
    const { flow } = flowWith({
      keys: { ...created, storeInKeychain: () => refused('vault-unavailable', 'Locked.') },
    });
    await flow.create();
    await flow.keepOnArrival({ leaving: false });
    expect(flow.storing.error?.message).toBe('Locked.');
    expect(flow.blocked).toBe(true);
  });

  it('renames the key just kept, and says so', async () => {
    const { flow, calls, said } = flowWith({
      keys: {
        ...created,
        storeInKeychain: () => Promise.resolve(ok(kept)),
        renameKept: () => Promise.resolve(ok({ ...kept, name: 'my-work-key' })),
      },
    });
    await flow.create();
    await flow.keepOnArrival({ leaving: false });
    expect(await flow.rename('my-work-key')).toBe(true);
    expect(calls.find((c) => c.method === 'keys.renameKept')?.input).toEqual({
      handle: 'handle-1',
      from: 'acme',
      to: 'my-work-key',
    });
    expect(flow.storing.value?.name).toBe('my-work-key');
    expect(flow.securedBy).toEqual(['keychain']);
    expect(said).toHaveBeenLastCalledWith('Renamed: the key is kept as “my-work-key”.');
  });

  it('a refused rename keeps the old name and says why', async () => {
    const { flow } = flowWith({
      keys: {
        ...created,
        storeInKeychain: () => Promise.resolve(ok(kept)),
        renameKept: () => refused('conflict', 'Taken.'),
      },
    });
    await flow.create();
    await flow.keepOnArrival({ leaving: false });
    expect(await flow.rename('taken')).toBe(false);
    expect(flow.storing.value?.name).toBe('acme');
    expect(flow.renaming.error?.message).toBe('Taken.');
  });
});
