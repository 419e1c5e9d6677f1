import { writeFileSync } from 'node:fs';
import path from 'node:path';
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

  /** A history written before: alice's key "work" (0001) replaced by 0002 on 15 March. */
  function writeHistory(): void {
    const entry = (at: string, userName: string, id: string, extra: object = {}) =>
      JSON.stringify({
        at,
        actor: 'this device',
        action: 'key.secret-copied',
        userName,
        accessKeyId: `AKIAAAAAAAAAAAAA${id}`,
        ...extra,
      });
    const lines = [
      entry('2026-01-10T08:00:00.000Z', 'alice', '0001'),
      entry('2026-02-20T23:30:00.000Z', 'bob', '0009'),
      entry('2026-03-15T09:00:00.000Z', 'alice', '0002', {
        action: 'key.stored',
        detail: 'work (rotated from AKIAAAAAAAAAAAAA0001)',
      }),
      entry('2026-03-16T10:00:00.000Z', 'alice', '0002'),
    ];
    writeFileSync(path.join(f.platform.dataDir(), 'activity.jsonl'), `${lines.join('\n')}\n`);
  }
  const keyIds = (stdout: string) =>
    (JSON.parse(stdout) as ActivityEntry[]).map((entry) => entry.accessKeyId.slice(-4));

  it('--since takes a date (midnight UTC) or an ISO date and time, and shows all since then', async () => {
    writeHistory();
    const day = await keyward(currentEnv(), ['activity', '--since', '2026-02-20', '--json']);
    expect(keyIds(day.stdout)).toEqual(['0009', '0002', '0002']);
    const moment = ['activity', '--since', '2026-02-21T00:30+01:00', '--json'];
    expect(keyIds((await keyward(currentEnv(), moment)).stdout)).toEqual(['0009', '0002', '0002']);
    const later = ['activity', '--since', '2026-03-16T00:00:00Z', '--json'];
    expect(keyIds((await keyward(currentEnv(), later)).stdout)).toEqual(['0002']);
    const limited = ['activity', '--since', '2026-01-01', '--limit', '1', '--json'];
    expect(keyIds((await keyward(currentEnv(), limited)).stdout)).toEqual(['0002']);
    expect((await keyward(currentEnv(), ['activity', '--since', '2027-01-01'])).stdout).toBe(
      'Nothing recorded that matches.\n',
    );
  });

  it('--profile shows one kept key’s history, its replaced key’s included', async () => {
    writeHistory();
    await f.profiles.put('work', {
      accessKeyId: 'AKIAAAAAAAAAAAAA0002',
      secretAccessKey: 'x'.repeat(40),
      userName: 'alice',
      accountId: f.sandbox.accountId,
      created: new Date().toISOString(),
      description: null,
    });
    const work = await keyward(currentEnv(), ['activity', '--profile', 'work', '--json']);
    expect(keyIds(work.stdout)).toEqual(['0001', '0002', '0002']);
    const both = ['activity', '--profile', 'work', '--since', '2026-03-16', '--json'];
    expect(keyIds((await keyward(currentEnv(), both)).stdout)).toEqual(['0002']);
  });

  it.each([['yesterday'], ['2026-02-30'], ['31/01/2026'], ['2026-01-31 09:00']])(
    '--since %s is a usage error that shows a date that works',
    async (date) => {
      expectOneLineError(
        await keyward(currentEnv(), ['activity', `--since=${date}`]),
        2,
        /--since needs a date such as 2026-01-31, or a date and time such as 2026-01-31T09:00Z/,
      );
    },
  );
});
