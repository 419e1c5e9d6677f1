import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { keepKeyOf } from '../../../testing/core/kept-keys';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { filesBelow, findSecrets } from '../../../testing/core/leak-scan';
import { cliEnvironment, keyward } from '../../../testing/cli/cli-harness';
import { expectOneLineError } from '../../../testing/cli/cli-expect';
import { exitCodes } from '../exit-codes';

const f = keywardForEachTest();
let env: NodeJS.ProcessEnv;
let downloads: string;

beforeEach(() => {
  env = cliEnvironment(f);
  downloads = mkdtempSync(path.join(tmpdir(), 'keyward-downloads-'));
});

/** The IAM console's "Download .csv file" for a key, as the console writes it. */
function consoleCsv(name: string, key: { accessKeyId: string; secretAccessKey: string }): string {
  const file = path.join(downloads, name);
  writeFileSync(
    file,
    `\uFEFFAccess key ID,Secret access key\r\n${key.accessKeyId},${key.secretAccessKey}\r\n`,
  );
  return file;
}

describe('keyward import: the AWS console’s key download', () => {
  it('checks the key with AWS, keeps it, and leaves the file unless told to delete it', async () => {
    const key = f.sandbox.credentialsFor('alice');
    const file = consoleCsv('alice_accessKeys.csv', key);
    const outcome = await keyward(env, ['import', file, '--store', 'work']);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(exitCodes.ok);
    expect(outcome.stdout).toContain(`Kept ${key.accessKeyId}`);
    expect(outcome.stdout).toContain('as "work"');
    expect(outcome.stdout).toContain('still holds the key in plain text');
    expect((await f.profiles.require('work')).secretAccessKey).toBe(key.secretAccessKey);
    expect(existsSync(file)).toBe(true);
    const [entry] = await f.core.activity.recent(1);
    expect(entry).toMatchObject({ action: 'key.imported', accessKeyId: key.accessKeyId });
  });

  it('with --delete-original, deletes the file and says what that cannot reach', async () => {
    const key = f.sandbox.credentialsFor('alice');
    const file = consoleCsv('alice_accessKeys.csv', key);
    const outcome = await keyward(env, [
      'import',
      file,
      '--store',
      'work',
      '--delete-original',
      '--json',
    ]);
    expect(outcome.code).toBe(exitCodes.ok);
    const printed = JSON.parse(outcome.stdout) as { deleted: string; notReached: string };
    expect(printed.deleted).toBe(file);
    expect(printed.notReached).toMatch(/backups.*Recycle Bin or Trash.*Dropbox, OneDrive, iCloud/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a key already kept, naming it, and leaves the file', async () => {
    const key = await keepKeyOf(f, 'alice', 'laptop');
    const file = consoleCsv('alice_accessKeys.csv', key);
    const outcome = await keyward(env, ['import', file, '--store', 'work', '--delete-original']);
    expectOneLineError(outcome, exitCodes.failed, /already kept as “laptop”/);
    expect(await f.profiles.get('work')).toBeNull();
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a key AWS does not accept, saying so plainly', async () => {
    const file = consoleCsv('ghost_accessKeys.csv', {
      accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ',
      secretAccessKey: 'a'.repeat(40),
    });
    const outcome = await keyward(env, ['import', file, '--store', 'ghost', '--delete-original']);
    expectOneLineError(
      outcome,
      exitCodes.credentials,
      /AWS does not accept the key AKIAZZZZZZZZZZZZZZZZ/,
    );
    expect(await f.profiles.get('ghost')).toBeNull();
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a file with two rows, or a temporary key, before asking AWS', async () => {
    const key = f.sandbox.credentialsFor('alice');
    const two = path.join(downloads, 'two_accessKeys.csv');
    writeFileSync(
      two,
      `Access key ID,Secret access key\n${key.accessKeyId},${key.secretAccessKey}\n${key.accessKeyId},${key.secretAccessKey}\n`,
    );
    expectOneLineError(
      await keyward(env, ['import', two, '--store', 'two']),
      exitCodes.usage,
      /holds 2 rows/,
    );
    const temporary = consoleCsv('temp_accessKeys.csv', {
      accessKeyId: 'ASIAZZZZZZZZZZZZZZZZ',
      secretAccessKey: key.secretAccessKey,
    });
    expectOneLineError(
      await keyward(env, ['import', temporary, '--store', 'temp']),
      exitCodes.usage,
      /temporary key/,
    );
    expect(await f.profiles.list()).toEqual([]);
  });

  it('never leaves the imported secret in the data folder, the log, settings or its output', async () => {
    const key = f.sandbox.credentialsFor('bob');
    const file = consoleCsv('bob_accessKeys.csv', key);
    const before = readFileSync(file, 'utf8');
    expect(before).toContain(key.secretAccessKey);
    const outcome = await keyward(env, [
      'import',
      file,
      '--store',
      'bob',
      '--delete-original',
      '--verbose',
    ]);
    expect(outcome.code).toBe(exitCodes.ok);
    const secrets = [key.secretAccessKey, Buffer.from(key.secretAccessKey).toString('base64')];
    for (const secret of secrets) expect(outcome.stdout + outcome.stderr).not.toContain(secret);
    expect(findSecrets(filesBelow(f.platform.dataDir()), secrets)).toEqual([]);
    expect(findSecrets(filesBelow(downloads), secrets)).toEqual([]);
    expect(findSecrets(filesBelow(env['HOME'] ?? ''), secrets)).toEqual([]);
  });

  it('shows its help', async () => {
    const help = await keyward(env, ['help', 'import']);
    expect(help.stdout).toContain('keyward import FILE --store PROFILE [--delete-original]');
    expect(help.stdout).toContain('Recycle Bin or Trash');
  });
});
