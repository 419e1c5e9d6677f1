import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusal } from '../../../testing/core/refusal';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward, testCoreOptions } from '../../../testing/core/keyward-fixture';
import { findSecrets, filesBelow } from '../../../testing/core/leak-scan';
import type { SecretStore } from '../vault/secret-store';
import { VaultError } from '../vault/vault-problem';
import { createCore } from '../compose';
import type { Core } from '../compose';
import { rotationSteps } from '../../common/domain';
import { RotationError } from './rotation-error';
import type { RotationProgress } from './key-rotation';
import {
  aliceKeys,
  endState,
  giveAliceSecondKey,
  restart,
  rotationOf,
  storeAliceAsWork,
} from '../../../testing/core/rotation/rotation-fixture';

let f: KeywardFixture;
let oldKeyId: string;

beforeEach(async () => {
  f = await startKeyward();
  oldKeyId = await storeAliceAsWork(f);
});

afterEach(async () => {
  await f.close();
});

/** The end of a rotation or roll-back with nothing left over: `keyId` works and is alone. */
const cleanEndWith = (keyId: string) => ({
  keyId,
  works: true,
  activeKeys: [keyId],
  lostKeys: [],
  spareEntries: [],
  record: null,
});

/** Stands in for the process dying right after `step`: nothing after it runs. */
class Crash extends Error {}
const crashAfter = (step: RotationProgress['step']) => ({
  onProgress: (event: RotationProgress) => {
    if (event.step === step) throw new Crash(`crash after ${step}`);
  },
});

describe('rotating a stored key', () => {
  it('gives the profile a new, working key and deletes the old one', async () => {
    const steps: string[] = [];
    const result = await rotationOf(f.core, {
      onProgress: ({ step }) => void steps.push(step),
    }).rotate('work', { graceDays: 0 });
    // Every step in the order the contract lists them, but the two with nothing to do here.
    expect(steps).toEqual(
      rotationSteps.filter((step) => step !== 'delete-retired' && step !== 'remove-other'),
    );
    expect(result).toMatchObject({
      profile: 'work',
      userName: 'alice',
      oldKeyId,
      oldKey: { state: 'deleted' },
    });
    expect(await endState(f)).toMatchObject(cleanEndWith(result.newKeyId));
    expect(aliceKeys(f).has(oldKeyId)).toBe(false);
    // The profile keeps its own description; the new key carries the old key's in AWS.
    expect((await f.profiles.require('work')).description).toBe('Laptop');
  });

  it('keeps the old key inactive for the grace period, and the next rotation deletes it first', async () => {
    const first = await rotationOf(f.core).rotate('work', { graceDays: 7 });
    expect(first.oldKey).toMatchObject({ state: 'inactive' });
    expect(aliceKeys(f).get(oldKeyId)).toBe('Inactive');
    expect(await rotationOf(f.core).status('work')).toMatchObject({
      state: 'retired',
      accessKeyId: oldKeyId,
    });

    const second = await rotationOf(f.core).rotate('work', { graceDays: 0 });
    expect(second.removedKeyIds).toEqual([oldKeyId]);
    expect([...aliceKeys(f).keys()]).toEqual([second.newKeyId]);
    expect((await endState(f)).record).toBeNull();
  });

  it('deletes old keys once their grace period has passed, and not before', async () => {
    await rotationOf(f.core).rotate('work', { graceDays: 2 });
    expect(await rotationOf(restart(f)).deleteRetiredKeys()).toEqual([]);
    expect(aliceKeys(f).get(oldKeyId)).toBe('Inactive');
    const later = Date.now() + 3 * 24 * 60 * 60 * 1000;
    expect(await rotationOf(restart(f)).deleteRetiredKeys(later)).toEqual([oldKeyId]);
    expect(aliceKeys(f).has(oldKeyId)).toBe(false);
    expect(await rotationOf(f.core).status('work')).toEqual({ state: 'none' });
  });

  it('writes no secret to the data folder, logs or rotation record', async () => {
    const result = await rotationOf(f.core).rotate('work', { graceDays: 3 });
    const secrets = [f.sandbox.state.accessKeys.get(result.newKeyId)?.secretAccessKey ?? 'missing'];
    expect(findSecrets(filesBelow(f.platform.dataDir()), secrets)).toEqual([]);
  });

  it('refuses to start while another rotation of the profile is unfinished', async () => {
    await refusal(rotationOf(f.core, crashAfter('stage')).rotate('work', { graceDays: 0 }));
    const error = await refusal(rotationOf(restart(f)).rotate('work', { graceDays: 0 }));
    expect(error.code).toBe('conflict');
    expect(error.hint).toMatch(/resume.*roll it back/i);
  });

  it('says which rotations stopped part-way, and not one that is still running', async () => {
    const rotation = f.core.rotation;
    const during: { running: boolean; stopped: string[] }[] = [];
    await refusal(
      rotation.rotate(
        'work',
        { graceDays: 0 },
        {
          onProgress: (event) => {
            if (event.step !== 'stage') return;
            const running = rotation.isRunning();
            void rotation.stopped().then((stopped) => during.push({ running, stopped }));
            throw new Crash('crash after stage');
          },
        },
      ),
    );
    expect(during).toEqual([{ running: true, stopped: [] }]);
    expect(rotation.isRunning()).toBe(false);
    expect(await rotation.stopped()).toEqual(['work']);

    await rotationOf(restart(f)).resume('work');
    expect(await restart(f).rotation.stopped()).toEqual([]);
  });
});

describe('when the user already has two keys', () => {
  it('says so, names both keys and changes nothing', async () => {
    const other = await giveAliceSecondKey(f, 'Inactive');
    const error = await refusal(rotationOf(f.core).rotate('work', { graceDays: 0 }));
    expect(error.code).toBe('key-limit');
    expect(error.message).toContain(oldKeyId);
    expect(error.message).toContain(other);
    expect(error.details?.existingKeys?.map((key) => key.accessKeyId).sort()).toEqual(
      [oldKeyId, other].sort(),
    );
    expect(aliceKeys(f).size).toBe(2);
    expect((await endState(f)).record).toBeNull();
  });

  it('removes the inactive one first when asked to, then rotates', async () => {
    const other = await giveAliceSecondKey(f, 'Inactive');
    const result = await rotationOf(f.core).rotate('work', {
      graceDays: 0,
      removeOtherKey: true,
    });
    expect(result.removedKeyIds).toEqual([other]);
    expect([...aliceKeys(f).keys()]).toEqual([result.newKeyId]);
  });

  it('will not remove the other key while it is active and in use', async () => {
    const other = await giveAliceSecondKey(f, 'Active');
    const record = f.sandbox.state.accessKeys.get(other);
    if (record) record.lastUsed = { date: new Date(), serviceName: 's3', region: 'eu-west-1' };
    const error = await refusal(
      rotationOf(f.core).rotate('work', { graceDays: 0, removeOtherKey: true }),
    );
    expect(error.code).toBe('confirmation-required');
    expect(error.message).toContain(other);
    expect(aliceKeys(f).get(other)).toBe('Active');
  });
});

// Each step, stopped right after its effect and before Keyward records it: the worst moment.
const steps = ['create', 'stage', 'prove', 'switch', 'deactivate', 'delete-old'] as const;

describe('a rotation interrupted by a crash', () => {
  it.each(steps)('after "%s" resumes to a consistent end with the new key', async (step) => {
    const error = await refusal(
      rotationOf(f.core, crashAfter(step)).rotate('work', { graceDays: 0 }),
    );
    expect(error).toBeInstanceOf(RotationError);
    // Two active keys are never left silently: the rotation says it is unfinished.
    if ([...aliceKeys(f).values()].filter((status) => status === 'Active').length > 1) {
      expect((await rotationOf(restart(f)).status('work')).state).toBe('unfinished');
    }
    // The profile works at every point, with one of the two keys.
    const meanwhile = await endState(f);
    expect(meanwhile.works).toBe(true);

    const result = await rotationOf(restart(f)).resume('work');
    expect(await endState(f)).toMatchObject(cleanEndWith(result.newKeyId));
    expect(aliceKeys(f).has(oldKeyId)).toBe(false);
  });

  it.each(steps.filter((step) => step !== 'delete-old'))(
    'after "%s" rolls back to the old key, leaving nothing behind',
    async (step) => {
      await refusal(rotationOf(f.core, crashAfter(step)).rotate('work', { graceDays: 0 }));
      const result = await rotationOf(restart(f)).rollback('work');
      expect(result.keptKeyId).toBe(oldKeyId);
      expect(await endState(f)).toMatchObject(cleanEndWith(oldKeyId));
      expect([...aliceKeys(f).keys()]).toEqual([oldKeyId]);
    },
  );

  it('cannot roll back once the old key is deleted, and says to resume instead', async () => {
    await refusal(rotationOf(f.core, crashAfter('delete-old')).rotate('work', { graceDays: 0 }));
    const error = await refusal(rotationOf(restart(f)).rollback('work'));
    expect(error.message).toMatch(/already been deleted/);
    expect(error.hint).toMatch(/resume/i);
    await rotationOf(restart(f)).resume('work');
    expect((await endState(f)).works).toBe(true);
  });

  it('survives a real SIGKILL between creating the key and keeping it', async () => {
    const script = path.join(
      import.meta.dirname,
      '../../../testing/core/rotation/rotate-then-stall.ts',
    );
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, f.platform.dataDir(), f.store.service, 'work', 'create'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('stalled after create')) resolve();
      });
      child.on('exit', (code) => {
        reject(new Error(`child exited early (${String(code)})`));
      });
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    // The new key exists in AWS, its secret died with the process: Keyward knows and cleans up.
    expect(aliceKeys(f).size).toBe(2);
    const lostId = [...aliceKeys(f).keys()].find((id) => id !== oldKeyId);
    expect(await restart(f).lostKeys.list()).toMatchObject([{ accessKeyId: lostId }]);
    const result = await rotationOf(restart(f)).resume('work');
    expect(result.newKeyId).not.toBe(lostId);
    expect(await endState(f)).toMatchObject({
      works: true,
      activeKeys: [result.newKeyId],
      lostKeys: [],
    });
  });
});

describe('a rotation stopped by a failing AWS call', () => {
  /** Makes the next `times` calls of `action` fail, once `step` has happened. */
  const failAfter = (step: RotationProgress['step'] | null, action: string, times = 5) => {
    const inject = () => {
      for (let n = 1; n <= times; n++) f.sandbox.faults.failNth(action, n, 'error');
    };
    if (step === null) inject();
    return {
      onProgress: (event: RotationProgress) => {
        if (event.step === step) inject();
      },
    };
  };

  it('CreateAccessKey failing: nothing was created, the old key is untouched, resume finishes', async () => {
    const error = await refusal(
      rotationOf(f.core, failAfter(null, 'CreateAccessKey', 1)).rotate('work', { graceDays: 0 }),
    );
    expect(error).toBeInstanceOf(RotationError);
    expect(error.message).toContain(
      `The old key ${oldKeyId} is active and is the one "work" uses.`,
    );
    expect([...aliceKeys(f).keys()]).toEqual([oldKeyId]);
    await rotationOf(restart(f)).resume('work');
    expect(await endState(f)).toMatchObject({ works: true, lostKeys: [], record: null });
  });

  it('CreateAccessKey answer lost: the secret-less key is reported, then deleted on resume', async () => {
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'drop-after-commit');
    const error = await refusal(rotationOf(f.core).rotate('work', { graceDays: 0 }));
    const lostId = [...aliceKeys(f).keys()].find((id) => id !== oldKeyId) ?? '';
    expect(error.message).toContain(`The new key ${lostId}`);
    expect(error.message).toMatch(/secret was lost/);
    const result = await rotationOf(restart(f)).resume('work');
    expect(aliceKeys(f).has(lostId)).toBe(false);
    expect(await endState(f)).toMatchObject({ activeKeys: [result.newKeyId], lostKeys: [] });
  });

  it('the proof failing: both keys are described exactly, and resume finishes', async () => {
    const error = await refusal(
      rotationOf(f.core, failAfter('stage', 'GetCallerIdentity')).rotate('work', {
        graceDays: 0,
      }),
    );
    const newId = [...aliceKeys(f).keys()].find((id) => id !== oldKeyId) ?? '';
    expect(error.message).toContain(
      `The old key ${oldKeyId} is active and is the one "work" uses.`,
    );
    expect(error.message).toContain(
      `The new key ${newId} is active and kept in the keychain, but not in use yet.`,
    );
    expect((await endState(f)).keyId).toBe(oldKeyId);
    const result = await rotationOf(restart(f)).resume('work');
    expect(result.newKeyId).toBe(newId);
    expect((await endState(f)).activeKeys).toEqual([newId]);
  });

  it('deactivating the old key failing: the new key is in use, roll back restores the old', async () => {
    const error = await refusal(
      rotationOf(f.core, failAfter('switch', 'UpdateAccessKey')).rotate('work', {
        graceDays: 0,
      }),
    );
    expect(error.message).toMatch(/is the one "work" uses/);
    expect(error.message).toMatch(/can still be rolled back/);
    await rotationOf(restart(f)).rollback('work');
    expect(await endState(f)).toMatchObject({
      keyId: oldKeyId,
      works: true,
      activeKeys: [oldKeyId],
    });
  });

  it('deleting the old key failing: resume deletes it', async () => {
    await refusal(
      rotationOf(f.core, failAfter('deactivate', 'DeleteAccessKey')).rotate('work', {
        graceDays: 0,
      }),
    );
    expect(aliceKeys(f).get(oldKeyId)).toBe('Inactive');
    await rotationOf(restart(f)).resume('work');
    expect(aliceKeys(f).has(oldKeyId)).toBe(false);
  });

  it('a lost answer from DeleteAccessKey is not mistaken for a failure', async () => {
    const result = await rotationOf(f.core, {
      onProgress: ({ step }) => {
        if (step === 'deactivate')
          f.sandbox.faults.failNth('DeleteAccessKey', 1, 'drop-after-commit');
      },
    }).rotate('work', { graceDays: 0 });
    expect([...aliceKeys(f).keys()]).toEqual([result.newKeyId]);
  });
});

describe('a keychain that fails mid-rotation', () => {
  it('deletes the new key it could not keep, so nothing changed, and resume finishes', async () => {
    let locked = true;
    const lockable: SecretStore = {
      backend: f.store.backend,
      get: (account) => f.store.get(account),
      set: (account, value) =>
        locked && account.startsWith('rotation-new:')
          ? Promise.reject(new VaultError('locked', 'linux'))
          : f.store.set(account, value),
      delete: (account) => f.store.delete(account),
      list: () => f.store.list(),
    };
    const keyward = createCore(f.platform, lockable, testCoreOptions);
    const error = await refusal(rotationOf(keyward).rotate('work', { graceDays: 0 }));
    expect(error.code).toBe('vault-unavailable');
    expect([...aliceKeys(f).keys()]).toEqual([oldKeyId]);
    expect(await restart(f).lostKeys.list()).toEqual([]);
    locked = false;
    await rotationOf(keyward).resume('work');
    expect((await endState(f)).works).toBe(true);
  });
});

describe('the window signed in with the key being replaced', () => {
  /** The window's Keyward (rotation works on a session of its own), signed in as `profile`. */
  async function windowSignedInWith(profile: string): Promise<Core> {
    const window = restart(f);
    await window.session.signIn({ kind: 'stored-key', profile });
    return window;
  }

  it('moves to the new key, so the next action works', async () => {
    const window = await windowSignedInWith('work');
    try {
      const result = await rotationOf(window).rotate('work', {
        graceDays: 0,
      });
      expect(aliceKeys(f).has(oldKeyId)).toBe(false);
      expect(window.session.whoami()).toMatchObject({
        accessKeyId: result.newKeyId,
        userName: 'alice',
        source: { kind: 'stored-key', profile: 'work' },
      });
      expect((await window.keyAdmin.listKeys('alice')).map((key) => key.accessKeyId)).toEqual([
        result.newKeyId,
      ]);
    } finally {
      await window.shutdown();
    }
  });

  it('moves with the key both ways: to the new one at the switch, back when rolled back', async () => {
    const window = await windowSignedInWith('work');
    try {
      // AWS refuses to turn the old key off: the rotation stops after the switch.
      const stop = {
        onProgress: ({ step }: RotationProgress) => {
          if (step === 'switch')
            for (let n = 1; n <= 5; n++) f.sandbox.faults.failNth('UpdateAccessKey', n, 'error');
        },
      };
      await refusal(rotationOf(window, stop).rotate('work', { graceDays: 0 }));
      const newKeyId = (await f.profiles.require('work')).accessKeyId;
      expect(newKeyId).not.toBe(oldKeyId);
      expect(window.session.whoami()?.accessKeyId).toBe(newKeyId);

      await rotationOf(window).rollback('work');
      expect(aliceKeys(f).has(newKeyId)).toBe(false);
      expect(window.session.whoami()?.accessKeyId).toBe(oldKeyId);
      expect((await window.keyAdmin.listKeys('alice')).map((key) => key.accessKeyId)).toEqual([
        oldKeyId,
      ]);
    } finally {
      await window.shutdown();
    }
  });

  it('leaves a window signed in with another key alone', async () => {
    await f.signInAs('admin');
    const window = await windowSignedInWith('sandbox-admin');
    try {
      const before = window.session.whoami();
      await rotationOf(window).rotate('work', { graceDays: 0 });
      expect(window.session.whoami()).toBe(before);
    } finally {
      await window.shutdown();
    }
  });
});
