import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import type { AuditResult } from '../../common/audit';

let f: KeywardFixture;

beforeEach(async () => {
  f = await startKeyward();
  await f.signInAs('admin');
});

afterEach(async () => {
  await f.close();
});

function bobOf(result: AuditResult | null) {
  const row = result?.rows.find((r) => r.userName === 'bob');
  return {
    keys: row?.keys.map((key) => ({ slot: key.slot, active: key.active, id: key.accessKeyId })),
    flags: row?.flags.map((flag) => `${flag.id}@${String(flag.slot)}`).sort(),
  };
}

describe('a key changed from its audit row', () => {
  it('shows the key deactivated, with the flags and summary worked out again', async () => {
    const before = await f.core.audit.run();
    const bobNew = f.sandbox.state.keysOf('bob')[1]?.accessKeyId ?? '';
    expect(bobOf(before).flags).toContain('key-never-used@2');

    const after = f.core.audit.keyChanged({
      userName: 'bob',
      slot: 2,
      accessKeyId: bobNew,
      change: 'deactivated',
    });

    expect(bobOf(after)).toEqual({
      keys: [
        { slot: 1, active: false, id: null },
        { slot: 2, active: false, id: bobNew },
      ],
      flags: ['key-inactive@1', 'key-inactive@2'],
    });
    expect(after?.summary.activeKeys).toBe(before.summary.activeKeys - 1);
    expect(after?.summary.flags['key-inactive']).toBe(before.summary.flags['key-inactive'] + 1);
    expect(after?.summary.flags['key-never-used']).toBe(before.summary.flags['key-never-used'] - 1);
    // The export and the fixes start from the changed result too.
    expect(f.core.audit.last()).toBe(after);
  });

  it('drops a deleted key from its row and the counts, and leaves other rows alone', async () => {
    const before = await f.core.audit.run();
    const bobOld = f.sandbox.state.keysOf('bob')[0]?.accessKeyId ?? '';

    const after = f.core.audit.keyChanged({
      userName: 'bob',
      slot: 1,
      accessKeyId: bobOld,
      change: 'deleted',
    });

    expect(bobOf(after).keys).toEqual([{ slot: 2, active: true, id: null }]);
    expect(bobOf(after).flags).not.toContain('key-inactive@1');
    expect(after?.summary.keys).toBe(before.summary.keys - 1);
    expect(after?.rows.filter((row) => row.userName !== 'bob')).toEqual(
      before.rows.filter((row) => row.userName !== 'bob'),
    );
  });

  it('changes nothing for a row or key the audit did not see', async () => {
    const before = await f.core.audit.run();
    expect(
      f.core.audit.keyChanged({
        userName: 'nobody-at-all',
        slot: 1,
        accessKeyId: 'AKIAEXAMPLEEXAMPLE12',
        change: 'deleted',
      }),
    ).toBe(before);
  });
});
