import { CreateAccessKeyCommand, IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { TestPlatform } from '../../test-platform';
import { keepKeyOf } from '../kept-keys';
import { testCoreOptions } from '../keyward-fixture';
import type { KeywardFixture } from '../keyward-fixture';
import { createCore } from '../../../electron/core/compose';
import type { Core } from '../../../electron/core/compose';
import type { RotateOptions, RotationWatch } from '../../../electron/core/rotation/key-rotation';
import { RotationStates } from '../../../electron/core/rotation/rotation-state';

/** The seeded user alice's only key, kept by Keyward as the profile "work". */
export async function storeAliceAsWork(f: KeywardFixture): Promise<string> {
  return (await keepKeyOf(f, 'alice', 'work', { description: 'Laptop' })).accessKeyId;
}

/** Keyward started again over the same data folder and keychain: what a restart sees. */
export function restart(f: KeywardFixture): Core {
  return createCore(new TestPlatform(f.platform.dataDir()), f.store, testCoreOptions);
}

/** The core's rotation, with each run followed by `watch` (to stop it at any step). */
export function rotationOf(core: Core, watch: RotationWatch = {}) {
  const { rotation } = core;
  return {
    status: (profile: string) => rotation.status(profile),
    rotate: (profile: string, options: RotateOptions) => rotation.rotate(profile, options, watch),
    resume: (profile: string) => rotation.resume(profile, watch),
    rollback: (profile: string) => rotation.rollback(profile, watch),
    deleteRetiredKeys: (now?: number) => rotation.deleteRetiredKeys(now),
  };
}

/** The keys alice has in the sandbox now, as id → status. */
export function aliceKeys(f: KeywardFixture): Map<string, string> {
  return new Map(f.sandbox.state.keysOf('alice').map((key) => [key.accessKeyId, key.status]));
}

/** Gives alice a second key, as an admin would, in the given status. */
export async function giveAliceSecondKey(
  f: KeywardFixture,
  status: 'Active' | 'Inactive',
): Promise<string> {
  const iam = new IAMClient({
    endpoint: f.sandbox.endpoint,
    region: f.sandbox.region,
    credentials: f.sandbox.admin,
  });
  try {
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const id = created.AccessKey?.AccessKeyId ?? '';
    if (status === 'Inactive') {
      await iam.send(
        new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: id, Status: 'Inactive' }),
      );
    }
    return id;
  } finally {
    iam.destroy();
  }
}

/**
 * Where everything stands once a rotation (or roll-back) has ended: the profile holds `keyId`,
 * which works; alice has no other active key; nothing is left half-done or lost.
 */
export async function endState(f: KeywardFixture) {
  const core = restart(f);
  const stored = await core.deviceKeys.require('work');
  const inAws = f.sandbox.state.accessKeys.get(stored.accessKeyId);
  const accounts = await f.store.list();
  return {
    keyId: stored.accessKeyId,
    works: inAws?.status === 'Active' && inAws.secretAccessKey === stored.secretAccessKey,
    activeKeys: [...aliceKeys(f)].filter(([, status]) => status === 'Active').map(([id]) => id),
    lostKeys: await core.lostKeys.list(),
    spareEntries: accounts.filter((account) => account.startsWith('rotation-')),
    record: await new RotationStates(f.platform.dataDir()).read('work'),
  };
}
