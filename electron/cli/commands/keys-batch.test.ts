import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSeed } from '../../../e2e/sandbox/index';
import { personIdentity } from '../../../testing/core/batch/people-identities';
import type { PersonIdentity } from '../../../testing/core/batch/people-identities';
import { ageDecryptWithIdentity } from '../../../testing/core/handoff/age-cli';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { keepKeyOf } from '../../../testing/core/kept-keys';
import { asAdmin } from '../../../testing/cli/cli-expect';
import { codeFingerprint } from '../../core/directory/fingerprint';
import { receivingCodeTagKey } from '../../core/directory/receiving-code-tag';
import { awsCli, cliEnvironment, keyward } from '../../../testing/cli/cli-harness';

let folder = '';
let outDir = '';

async function prepareFolders() {
  folder = await mkdtemp(path.join(tmpdir(), 'keyward-users-file-'));
  outDir = path.join(folder, 'out');
  await import('node:fs/promises').then(({ mkdir }) => mkdir(outDir));
}

/** The keys Debian's AWS CLI lists for a user, signed as the sandbox's admin. */
async function keysListedByAwsCli(f: KeywardFixture, userName: string): Promise<string[]> {
  const listed = await awsCli(
    {
      AWS_ACCESS_KEY_ID: f.sandbox.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: f.sandbox.admin.secretAccessKey,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    f.sandbox.endpoint,
    'iam',
    'list-access-keys',
    '--user-name',
    userName,
  );
  expect(listed.stderr).toBe('');
  const { AccessKeyMetadata } = JSON.parse(listed.stdout) as {
    AccessKeyMetadata: { AccessKeyId: string }[];
  };
  return AccessKeyMetadata.map((key) => key.AccessKeyId);
}

describe('keyward keys create --users-file', () => {
  const f = keywardForEachTest();
  let env: NodeJS.ProcessEnv;
  let alice: PersonIdentity;

  beforeEach(async () => {
    env = cliEnvironment(f);
    await keepKeyOf(f, 'admin', 'admin');
    await prepareFolders();
    alice = await personIdentity(folder, 'alice');
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const run = (file: string, ...rest: string[]) =>
    keyward(env, [
      'keys',
      'create',
      '--users-file',
      file,
      '--out-dir',
      outDir,
      ...rest,
      ...asAdmin,
    ]);

  it('creates one key file per person; refusals get their own line and a failing exit code', async () => {
    const before = await keysListedByAwsCli(f, 'alice');
    const bobBefore = await keysListedByAwsCli(f, 'bob');
    const file = path.join(folder, 'people.csv');
    // A spreadsheet's export: byte-order mark, CRLF, a quoted field, a blank line at
    // the end; auditor's empty code means "the code auditor shared", and there is none.
    await writeFile(
      file,
      `\uFEFFuser,receiving code,description\r\nalice,${alice.code},"Laptop CLI"\r\nbob,${alice.code},\r\nauditor,,\r\n\r\n`,
    );
    const outcome = await run(file);
    expect(outcome.code, outcome.stderr).toBe(1);
    const lines = outcome.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^alice: done, AKIA\\w+ in ${path.join(outDir, 'alice.keyward')}$`),
    );
    expect(lines[1]).toMatch(/^bob: refused\. bob already has two access keys/);
    expect(lines[2]).toMatch(/^auditor: refused\. No receiving code for auditor:/);
    expect(outcome.stderr).toMatch(/2 of 3 people got no key file/);

    // Exactly one new key for alice, as AWS's own command line sees it; none for bob.
    const after = await keysListedByAwsCli(f, 'alice');
    const added = after.filter((id) => !before.includes(id));
    expect(added).toHaveLength(1);
    expect(await keysListedByAwsCli(f, 'bob')).toEqual(bobBefore);

    // The reference age tool opens alice's file with alice's identity.
    const csv = await ageDecryptWithIdentity(
      await readFile(path.join(outDir, 'alice.keyward'), 'utf8'),
      alice.identityFile,
    );
    expect(csv).toContain(`${added[0] ?? ''},`);
    expect(csv).toContain(',Laptop CLI,');
    expect(await readdir(outDir)).toEqual(['alice.keyward']);
    for (const key of f.sandbox.state.accessKeys.values())
      expect(outcome.stdout + outcome.stderr).not.toContain(key.secretAccessKey);
  });

  it('prints JSON with --json', async () => {
    const file = path.join(folder, 'people.csv');
    await writeFile(file, `user,receiving code\nalice,${alice.code}\n`);
    const outcome = await run(file, '--json');
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toMatchObject({
      outDir,
      people: [{ userName: 'alice', status: 'done', file: path.join(outDir, 'alice.keyward') }],
    });
  });

  it('with --json, gives the check words of each code a person published, again on a rerun', async () => {
    f.sandbox.state.findUser('alice')?.tags.push({ Key: receivingCodeTagKey, Value: alice.code });
    const file = path.join(folder, 'people.csv');
    await writeFile(file, `user,receiving code\nalice,\n`);

    const outcome = await run(file, '--json');
    expect(outcome.code, outcome.stderr).toBe(0);
    const words = codeFingerprint(alice.code);
    expect(JSON.parse(outcome.stdout)).toMatchObject({
      people: [{ userName: 'alice', status: 'done', earlier: false, checkWords: words }],
    });
    await ageDecryptWithIdentity(
      await readFile(path.join(outDir, 'alice.keyward'), 'utf8'),
      alice.identityFile,
    );

    // Run again: alice is done already, and her line still carries the words to compare.
    const again = await run(file, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      people: [{ userName: 'alice', status: 'done', earlier: true, checkWords: words }],
    });
    const told = await run(file);
    expect(told.stdout).toContain(
      `(made by an earlier run); sealed to the code alice shared, check words: ${words.join(' ')}\n`,
    );
  });

  it('reads a quoted user name with a comma in it as one person', async () => {
    // IAM user names may contain commas; a spreadsheet quotes such a cell when it saves a CSV.
    f.sandbox.state.addUser({
      userName: 'ops,bot',
      path: '/',
      permission: 'none',
      tags: [],
      createDate: new Date(),
    });
    const file = path.join(folder, 'people.csv');
    await writeFile(file, `user,receiving code\r\n"ops,bot",${alice.code}\r\n`);
    const outcome = await run(file);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(
      new RegExp(`^ops,bot: done, AKIA\\w+ in ${path.join(outDir, 'ops,bot.keyward')}\n$`),
    );
    expect(await keysListedByAwsCli(f, 'ops,bot')).toHaveLength(1);
    await ageDecryptWithIdentity(
      await readFile(path.join(outDir, 'ops,bot.keyward'), 'utf8'),
      alice.identityFile,
    );
  });

  it('gives no check words for a code the admin was given', async () => {
    const file = path.join(folder, 'people.csv');
    await writeFile(file, `user,receiving code\nalice,${alice.code}\n`);
    const outcome = await run(file, '--json');
    expect(outcome.code, outcome.stderr).toBe(0);
    const [person] = (JSON.parse(outcome.stdout) as { people: object[] }).people;
    expect(person).not.toHaveProperty('checkWords');
  });

  it.each([
    ['user,code\nalice,age1x\n', /people\.csv has no “receiving code” column/],
    [
      'user,receiving code\nalice,CODE\nauditor,age1nope\n',
      /Line 3 of people\.csv: Receiving code 1 \(age1nope\) is not a valid receiving code/,
    ],
    ['user,receiving code\nalice,CODE\nalice,CODE\n', /Line 3 of people\.csv lists alice again/],
    [
      'user,receiving code\nalice,"CODE\n',
      /Line 2 of people\.csv has a quote that is never closed/,
    ],
    [
      'user,receiving code\nal ice,CODE\n',
      /Line 2 of people\.csv: “al ice” is not an IAM user name/,
    ],
  ])('refuses a bad file before creating anything: %j', async (text, message) => {
    const keysBefore = f.sandbox.state.accessKeys.size;
    const file = path.join(folder, 'people.csv');
    await writeFile(file, text.replaceAll('CODE', alice.code));
    const outcome = await run(file);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(message);
    expect(f.sandbox.state.accessKeys.size).toBe(keysBefore);
    expect(await readdir(outDir)).toEqual([]);
  });
});

describe('a batch stopped half way and run again', () => {
  // Enough people, and slow enough answers, for the process to be killed part-way through.
  const f = keywardForEachTest({ sandbox: { seed: generateSeed({ users: 31 }), latencyMs: 150 } });

  beforeEach(async () => {
    await prepareFolders();
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('never gives anyone a second key', async () => {
    const env = cliEnvironment(f);
    await keepKeyOf(f, 'admin', 'admin');
    const people = [...f.sandbox.state.users.keys()].filter((name) => name !== 'admin');
    const codes = await Promise.all(people.map((name) => personIdentity(folder, name)));
    const file = path.join(folder, 'people.csv');
    await writeFile(
      file,
      `user,receiving code\n${people.map((name, i) => `${name},${codes[i]?.code ?? ''}`).join('\n')}\n`,
    );
    const keysBefore = new Map(people.map((name) => [name, f.sandbox.state.keysOf(name).length]));
    const argv = ['keys', 'create', '--users-file', file, '--out-dir', outDir, ...asAdmin];

    // A separate process, killed once a few people are done.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve(import.meta.dirname, '../index.ts'), ...argv],
      { env: { ...process.env, ...env }, stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    for (let waited = 0; waited < 120_000; waited += 20) {
      const written = (await readdir(outDir)).filter((name) => name.endsWith('.keyward'));
      if (written.length >= 3) break;
      await sleep(20);
    }
    child.kill('SIGKILL');
    await exited;
    const firstRun = (await readdir(outDir)).filter((name) => name.endsWith('.keyward')).length;
    expect(firstRun).toBeLessThan(people.length);

    const again = await keyward(env, [...argv, '--json']);
    const result = JSON.parse(again.stdout) as {
      people: { userName: string; status: string; reason?: string; earlier?: boolean }[];
    };
    expect(result.people).toHaveLength(people.length);
    for (const name of people) {
      const added = f.sandbox.state.keysOf(name).length - (keysBefore.get(name) ?? 0);
      expect(added, name).toBeLessThanOrEqual(1);
      const outcome = result.people.find((person) => person.userName === name);
      // Done (now or before the kill), at the two-key limit, or a key made at the kill reported.
      if (added === 1 && outcome?.status === 'refused')
        expect(outcome.reason).toMatch(
          /was created for .* but its file was not written|was stopped/,
        );
    }
    expect(result.people.filter((person) => person.earlier).length).toBe(firstRun);
  });
});
