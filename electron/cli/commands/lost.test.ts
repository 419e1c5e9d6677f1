import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LostKey } from '../../common/domain';
import { cliEnvironment, keyward } from '../../../testing/cli/cli-harness';
import { asAdmin, expectOneLineError, keepAdminKey } from '../../../testing/cli/cli-expect';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';

let f: KeywardFixture;
let env: NodeJS.ProcessEnv;
let lostKeyId: string;

beforeEach(async () => {
  f = await startKeyward();
  env = cliEnvironment(f);
  await keepAdminKey(f);
  // AWS makes the key but its answer never arrives: the secret is lost, the key exists.
  await f.signInAs('admin');
  const before = new Set(f.sandbox.state.keysOf('alice').map((key) => key.accessKeyId));
  f.sandbox.faults.failNth('CreateAccessKey', 1, 'drop-after-commit');
  await expect(f.core.newKeys.create('alice', null)).rejects.toMatchObject({
    code: 'outcome-unknown',
  });
  const made = f.sandbox.state.keysOf('alice').find((key) => !before.has(key.accessKeyId));
  lostKeyId = made?.accessKeyId ?? '';
});

afterEach(async () => {
  await f.close();
});

async function listed(): Promise<LostKey[]> {
  const outcome = await keyward(env, ['lost', 'list', '--json']);
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as LostKey[];
}

// The command line's door to the lost keys the window's banner offers (Keyward.lostKeys).
describe('keyward lost', () => {
  it('lists a key whose secret was never saved, and deletes it in AWS', async () => {
    const text = await keyward(env, ['lost', 'list']);
    expect(text.stdout).toMatch(/^ID\s+USER\s+KEY ID\s+CREATED\n/);
    expect(text.stdout).toContain(lostKeyId);
    const [lost] = await listed();
    expect(lost).toMatchObject({ userName: 'alice', accessKeyId: lostKeyId });

    const id = lost?.journalId ?? '';
    const resolved = await keyward(env, [
      'lost',
      'resolve',
      '--id',
      id,
      '--action',
      'delete',
      ...asAdmin,
    ]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toBe(`Deleted ${lostKeyId} of alice.\n`);
    expect(f.sandbox.state.accessKeys.has(lostKeyId)).toBe(false);
    expect(await listed()).toEqual([]);
    expect((await keyward(env, ['lost', 'list'])).stdout).toMatch(/^No unsaved keys/);
  });

  it('dismisses the notice without signing in, leaving the key in AWS', async () => {
    const [lost] = await listed();
    const outcome = await keyward(env, [
      'lost',
      'resolve',
      '--id',
      lost?.journalId ?? '',
      '--action',
      'dismiss',
    ]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^Dismissed the notice .* The key itself was not changed\.\n$/);
    expect(f.sandbox.state.accessKeys.get(lostKeyId)?.status).toBe('Active');
    expect(await listed()).toEqual([]);
  });

  it('refuses an id it does not know (exit code 4), changing nothing', async () => {
    const outcome = await keyward(env, [
      'lost',
      'resolve',
      '--id',
      '00000000-0000-4000-8000-000000000000',
      '--action',
      'delete',
      ...asAdmin,
    ]);
    expectOneLineError(outcome, 4, /no unsaved key with the id 0{8}-.*keyward lost list/);
    expect(f.sandbox.state.accessKeys.has(lostKeyId)).toBe(true);
    expect(await listed()).toHaveLength(1);
  });

  it.each([
    [['--id', 'AKIA1', '--action', 'delete'], /--id must be an id as "keyward lost list" shows it/],
    [
      ['--id', '00000000-0000-4000-8000-000000000000', '--action', 'burn'],
      /--action must be delete, deactivate or dismiss/,
    ],
    [['--action', 'delete'], /--id is required/],
  ])('%j is a usage error (exit code 2)', async (extra, message) => {
    expectOneLineError(await keyward(env, ['lost', 'resolve', ...extra]), 2, message);
  });
});
