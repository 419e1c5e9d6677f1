import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { refusal } from '../../../testing/core/refusal';

const f = keywardForEachTest();

describe('a description arriving through the bridge or the command line', () => {
  it('is refused in words, before any key is made, when it starts like a spreadsheet formula', async () => {
    await f.signInAs('admin');
    for (const description of ['-nightly', '=SUM', '+1', '@home', ' - x']) {
      const refused = await refusal(f.core.newKeys.create('alice', description));
      expect(refused.code).toBe('invalid-input');
      expect(refused.message).toMatch(/cannot start with "[-=+@]+": spreadsheets run/);
      expect(refused.hint).toMatch(/Start the description with a letter or a number/);
    }
    expect(f.sandbox.stats.calls('CreateAccessKey')).toBe(0);
    expect(f.sandbox.state.keysOf('alice')).toHaveLength(1);
  });

  it('is refused the same way when a key is described later', async () => {
    await f.signInAs('admin');
    const [key] = await f.core.keyAdmin.listKeys('alice');
    const refused = await refusal(f.core.keyAdmin.describeKey('alice', key!.accessKeyId, '=cmd'));
    expect(refused.message).toContain('cannot start with "="');
    expect(f.sandbox.stats.calls('TagUser')).toBe(0);
    await f.core.keyAdmin.describeKey('alice', key!.accessKeyId, 'Laptop - cmd = 2 + 2 @home');
    expect((await f.core.keyAdmin.listKeys('alice'))[0]?.description).toBe(
      'Laptop - cmd = 2 + 2 @home',
    );
  });
});
