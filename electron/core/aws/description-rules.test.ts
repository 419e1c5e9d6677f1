import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';

let f: KeywardFixture;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  f = await startKeyward();
});

afterEach(async () => {
  await f.close();
});

describe('a description arriving through the bridge or the command line', () => {
  it('is refused in words, before any key is made, when it starts like a spreadsheet formula', async () => {
    await f.signInAs('admin');
    for (const description of ['-nightly', '=SUM', '+1', '@home', ' - x']) {
      const refused = await failure(f.keyward.createKey('alice', description));
      expect(refused.code).toBe('invalid-input');
      expect(refused.message).toMatch(/cannot start with "[-=+@]+": spreadsheets run/);
      expect(refused.hint).toMatch(/Start the description with a letter or a number/);
    }
    expect(f.sandbox.stats.calls('CreateAccessKey')).toBe(0);
    expect(f.sandbox.state.keysOf('alice')).toHaveLength(1);
  });

  it('is refused the same way when a key is described later', async () => {
    await f.signInAs('admin');
    const [key] = await f.keyward.listKeys('alice');
    const refused = await failure(f.keyward.describeKey('alice', key!.accessKeyId, '=cmd'));
    expect(refused.message).toContain('cannot start with "="');
    expect(f.sandbox.stats.calls('TagUser')).toBe(0);
    await f.keyward.describeKey('alice', key!.accessKeyId, 'Laptop - cmd = 2 + 2 @home');
    expect((await f.keyward.listKeys('alice'))[0]?.description).toBe('Laptop - cmd = 2 + 2 @home');
  });
});
