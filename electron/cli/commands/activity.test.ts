import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../core/activity/activity-log';
import { keyward } from '../../../testing/cli/cli-harness';
import { adminCliForEachTest, asAdmin, expectOneLineError } from '../../../testing/cli/cli-expect';

const { f, env: currentEnv } = adminCliForEachTest();

// The activity log the core writes for the window and the command line alike.
describe('keyward activity', () => {
  it('shows who did what to which key, newest last, as text or JSON', async () => {
    expect((await keyward(currentEnv(), ['activity'])).stdout).toBe('Nothing recorded yet.\n');
    const alice = f.sandbox.credentialsFor('alice').accessKeyId;
    const key = ['--user', 'alice', '--key', alice, ...asAdmin];
    expect((await keyward(currentEnv(), ['keys', 'deactivate', ...key])).code).toBe(0);
    expect((await keyward(currentEnv(), ['keys', 'activate', ...key])).code).toBe(0);

    const text = await keyward(currentEnv(), ['activity']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^WHEN \(UTC\)\s+WHAT\s+USER\s+KEY ID\s+BY/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/)[1])).toEqual([
      'deactivated',
      'activated',
    ]);
    expect(text.stdout).toContain(`arn:aws:iam::${f.sandbox.accountId}:user/admin`);

    const last = await keyward(currentEnv(), ['activity', '--limit', '1', '--json']);
    expect(JSON.parse(last.stdout) as ActivityEntry[]).toMatchObject([
      { action: 'key.activated', userName: 'alice', accessKeyId: alice },
    ]);
  });

  it.each([['0'], ['ten'], ['-3'], ['1.5']])(
    '--limit %s is a usage error (exit code 2)',
    async (n) => {
      expectOneLineError(
        await keyward(currentEnv(), ['activity', `--limit=${n}`]),
        2,
        /--limit must be a whole number, 1 or more\./,
      );
    },
  );
});
