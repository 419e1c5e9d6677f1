import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';
import { keepKeyOf } from '../../testing/core/kept-keys';
import { sealHandoff } from '../core/handoff/handoff-file';
import { commands } from './command-table';
import { usageLine } from './help-text';
import type { CliOutcome } from '../../testing/cli/cli-harness';
import { cliEnvironment, keyward } from '../../testing/cli/cli-harness';
import { asAdmin, expectOneLineError } from '../../testing/cli/cli-expect';

const f = keywardForEachTest();
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  env = cliEnvironment(f);
  await keepKeyOf(f, 'admin', 'admin');
});

/** Every secret the sandbox holds: none may ever appear in the command line's output. */
function expectNoSecret(outcome: CliOutcome): void {
  for (const key of f.sandbox.state.accessKeys.values()) {
    expect(outcome.stdout + outcome.stderr).not.toContain(key.secretAccessKey);
  }
}

const newKeysOf = (user: string, before: Set<string>) =>
  f.sandbox.state.keysOf(user).filter((key) => !before.has(key.accessKeyId));

/** `keyward keys create --user USER …` signed in as the admin. */
const createKey = (user: string, ...rest: string[]) =>
  keyward(env, ['keys', 'create', '--user', user, ...rest, ...asAdmin]);

describe('keyward --help', () => {
  it('documents every command, the exit codes and the environment', async () => {
    const help = await keyward(env, ['--help']);
    expect(help.code).toBe(0);
    for (const command of commands) expect(help.stdout).toContain(usageLine(command));
    expect(help.stdout).toContain('keyward credential-process --profile NAME');
    for (const code of [0, 1, 2, 3, 4, 5, 6, 7])
      expect(help.stdout).toMatch(new RegExp(`^  ${String(code)}  `, 'm'));
    expect(help.stdout).toContain('KEYWARD_KEYCHAIN_SERVICE');
  });

  it('explains one command and its options', async () => {
    const help = await keyward(env, ['keys', 'create', '--help']);
    expect(help.code).toBe(0);
    for (const option of [
      '--seal-to CODE',
      '--passphrase-stdin',
      '--store PROFILE',
      '--out FILE',
      '--aws-profile NAME',
    ]) {
      expect(help.stdout).toContain(option);
    }
    expect((await keyward(env, ['help', 'keys', 'rotate'])).stdout).toContain('--grace-days N');
  });
});

describe('bad arguments', () => {
  it.each([
    [[], /Usage: keyward <command>/],
    [['frobnicate'], /"frobnicate" is not a command/],
    [['keys'], /keyward keys list/],
    [['keys', 'list'], /--user is required\. Usage: keyward keys list --user USER/],
    [['keys', 'list', '--user', 'a', '--colour'], /Unknown option '--colour'/],
    [['keys', 'list', '--user', 'a', 'extra'], /Unexpected argument "extra"/],
    [['keys', 'delete', '--user', 'a', '--key', 'nope'], /--key must be an access key id/],
    [['keys', 'create', '--user', 'a'], /Choose exactly one of --seal-to/],
    [['keys', 'create', '--user', 'a', '--store', 'x', '--passphrase'], /Choose exactly one/],
    [['keys', 'create', '--user', 'a', '--passphrase'], /--out FILE is required/],
    [
      ['keys', 'rotate', '--profile', 'w', '--grace-days', 'soon'],
      /--grace-days must be a whole number/,
    ],
    [['keys', 'rotate', '--profile', 'w', '--resume', '--rollback'], /not both/],
    [['handoff', 'open', '--store', 'x'], /FILE is missing/],
    [['whoami', '--profile', 'a', '--aws-profile', 'b'], /not both/],
  ])('%j is a usage error (exit code 2)', async (argv, message) => {
    const outcome = await keyward(env, argv);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(message);
  });

  it('refuses a profile name that is not one, before touching anything', async () => {
    const outcome = await keyward(env, ['cli', 'setup', '--profile', 'a]\n[b']);
    expectOneLineError(outcome, 2, /cannot be used as a profile name/);
    expect(existsSync(env['AWS_CONFIG_FILE'] ?? '')).toBe(false);
  });
});

describe('administering keys', () => {
  it('shows who is signed in, the users and their keys, as text or JSON', async () => {
    const who = await keyward(env, ['whoami', ...asAdmin, '--json']);
    expect(JSON.parse(who.stdout)).toMatchObject({
      userName: 'admin',
      accountAlias: 'example-corp',
    });
    const users = await keyward(env, ['users', 'list', '--filter', 'b', ...asAdmin]);
    expect(users.stdout.split('\n')[0]).toMatch(/^USER\s+CREATED\s+PATH\s+ARN$/);
    expect(users.stdout).toContain('bob');
    expect(users.stdout).not.toContain('alice');
    const keys = await keyward(env, ['keys', 'list', '--user', 'bob', ...asAdmin, '--json']);
    expect((JSON.parse(keys.stdout) as unknown[]).length).toBe(2);
  });

  it('creates a key straight into the keychain without ever printing its secret', async () => {
    const before = new Set(f.sandbox.state.keysOf('alice').map((key) => key.accessKeyId));
    const outcome = await createKey('alice', '--store', 'alice-laptop', '--description', 'Laptop');
    expect(outcome.code).toBe(0);
    const [created] = newKeysOf('alice', before);
    expect(outcome.stdout).toBe(
      `Created ${created?.accessKeyId ?? ''} for alice; kept in this computer’s keychain as "alice-laptop".\n`,
    );
    expect((await f.profiles.require('alice-laptop')).secretAccessKey).toBe(
      created?.secretAccessKey,
    );
    expectNoSecret(outcome);
    expect(await f.core.lostKeys.list()).toEqual([]);
  });

  it('saves a passphrase-locked key file, prints the passphrase once, and opens it again', async () => {
    const file = path.join(env['HOME'] ?? '', 'alice.keyward');
    const created = await createKey('alice', '--passphrase', '--out', file, '--json');
    expect(created.code).toBe(0);
    const { passphrase, accessKeyId } = JSON.parse(created.stdout) as {
      passphrase: string;
      accessKeyId: string;
    };
    expect(passphrase.split('-').length).toBeGreaterThanOrEqual(6);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expectNoSecret(created);

    const wrong = await keyward(
      env,
      ['handoff', 'open', file, '--store', 'received', '--passphrase-stdin'],
      'not-the-passphrase\n',
    );
    expect(wrong.code).toBe(1);
    expect(await f.profiles.get('received')).toBeNull();

    const opened = await keyward(
      env,
      ['handoff', 'open', file, '--store', 'received', '--passphrase-stdin'],
      `${passphrase}\n`,
    );
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    expect(opened.stdout).toContain(`Kept ${accessKeyId}`);
    expect((await f.profiles.require('received')).accessKeyId).toBe(accessKeyId);
    expectNoSecret(opened);
  });

  it('seals a key to a receiving code, which this computer can then open', async () => {
    const code = (await keyward(env, ['identity', 'show'])).stdout.trim();
    expect(code).toMatch(/^age1/);
    const file = path.join(env['HOME'] ?? '', 'sealed.keyward');
    // bob already has two keys: AWS's limit is explained, nothing is created, no file is written.
    const refused = await createKey('bob', '--seal-to', code, '--out', file);
    expectOneLineError(refused, 1, /bob already has two access keys/);
    expect(existsSync(file)).toBe(false);

    const sealed = await createKey('alice', '--seal-to', code, '--out', file);
    expect(sealed.stdout).toMatch(/sealed to 1 receiving code in/);
    const opened = await keyward(env, ['handoff', 'open', file, '--store', 'sealed']);
    expect(opened.code).toBe(0);
    expectNoSecret(sealed);
  });

  it('checks receiving codes before creating anything', async () => {
    const before = f.sandbox.state.keysOf('alice').length;
    const outcome = await createKey(
      'alice',
      '--seal-to',
      'age1nope',
      '--out',
      path.join(env['HOME'] ?? '', 'x'),
    );
    expectOneLineError(outcome, 2, /not a valid receiving code/);
    expect(f.sandbox.state.keysOf('alice')).toHaveLength(before);
  });

  it('refuses a folder, a named pipe or a missing file as a key file, in one line and at once', async () => {
    const home = env['HOME'] ?? '';
    const pipe = path.join(home, 'pipe.keyward');
    execFileSync('mkfifo', [pipe]);
    const open = (file: string) => keyward(env, ['handoff', 'open', file, '--store', 'x']);
    const chooseTheFile = /Choose the \.keyward file you were sent\.\n$/;
    for (const outcome of [await open(home), await open(pipe)]) {
      expectOneLineError(outcome, 2, chooseTheFile);
      expect(outcome.stderr).not.toContain('Something went wrong');
    }
    expect((await open(home)).stderr).toMatch(/is a folder, not a key file/);
    expect((await open(pipe)).stderr).toMatch(/is a named pipe, not a key file/);
    expectOneLineError(
      await open(path.join(home, 'gone.keyward')),
      4,
      /There is no file at .*gone\.keyward\./,
    );
    expect(await f.profiles.get('x')).toBeNull();
  });

  it('deactivates, activates and deletes keys; a key in use needs --yes', async () => {
    const alice = f.sandbox.credentialsFor('alice').accessKeyId;
    const record = f.sandbox.state.accessKeys.get(alice);
    if (record) record.lastUsed = { date: new Date(), serviceName: 's3', region: 'eu-west-1' };
    const key = ['--user', 'alice', '--key', alice, ...asAdmin];
    expect((await keyward(env, ['keys', 'deactivate', ...key])).code).toBe(0);
    expect(f.sandbox.state.accessKeys.get(alice)?.status).toBe('Inactive');
    expect((await keyward(env, ['keys', 'activate', ...key])).code).toBe(0);
    expectOneLineError(await keyward(env, ['keys', 'delete', ...key]), 5, /--yes/);
    expect(f.sandbox.state.accessKeys.has(alice)).toBe(true);
    expect((await keyward(env, ['keys', 'delete', ...key, '--yes'])).code).toBe(0);
    expect(f.sandbox.state.accessKeys.has(alice)).toBe(false);
  });

  it('audits every user, writing the CSV when asked', async () => {
    const csv = path.join(env['HOME'] ?? '', 'audit.csv');
    const outcome = await keyward(env, ['audit', '--csv', csv, '--quiet', ...asAdmin]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/\d+ people, \d+ keys: [^\n]+\.\n$/);
    expect(readFileSync(csv, 'utf8')).toMatch(/^user,arn,/);
    expectNoSecret(outcome);
  });

  it('answers with exit codes a script can act on', async () => {
    expectOneLineError(
      await keyward(env, ['whoami', '--profile', 'ghost']),
      4,
      /no key called "ghost"/,
    );
    await keepKeyOf(f, 'nobody', 'nobody', { created: '' });
    expectOneLineError(
      await keyward(env, ['keys', 'list', '--user', 'bob', '--profile', 'nobody']),
      6,
      /AWS did not let you list .*: your permissions in AWS do not allow it/,
    );
  });
});

describe('keys kept on this computer', () => {
  it('lists them with their AWS CLI set-up, and removes one only when confirmed', async () => {
    expect((await keyward(env, ['cli', 'setup', '--profile', 'admin'])).code).toBe(0);
    const listed = await keyward(env, ['profiles', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      {
        name: 'admin',
        awsCli: true,
        use: { mode: 'session', durationSeconds: 3600 },
        rotation: { state: 'none' },
      },
    ]);
    expectNoSecret(listed);
    // The admin's MFA device was found with the key itself (iam:ListMFADevices).
    expect((await keyward(env, ['profiles', 'list'])).stdout).toMatch(
      /admin .* 1-hour sessions, MFA/,
    );

    expectOneLineError(
      await keyward(env, ['profiles', 'remove', '--profile', 'admin']),
      5,
      /--yes/,
    );
    const removed = await keyward(env, ['profiles', 'remove', '--profile', 'admin', '--yes']);
    expect(removed.code).toBe(0);
    expect(await f.profiles.get('admin')).toBeNull();
    expect(readFileSync(env['AWS_CONFIG_FILE'] ?? '', 'utf8')).toBe('');
  });

  it('reports a rotation that stopped part-way with exit code 7 and how to go on', async () => {
    const alice = await keepKeyOf(f, 'alice', 'work', { created: '' });
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'error');
    const stopped = await keyward(env, ['keys', 'rotate', '--profile', 'work', '--quiet']);
    expectOneLineError(stopped, 7, /keyward keys rotate --profile work --resume/);
    expect(stopped.stderr).toContain(
      `The old key ${alice.accessKeyId} is active and is the one "work" uses.`,
    );
    const listed = await keyward(env, ['profiles', 'list']);
    expect(listed.stdout).toMatch(/work .* unfinished/);
    const again = await keyward(env, ['keys', 'rotate', '--profile', 'work']);
    expectOneLineError(again, 7, /is unfinished.*--resume/);

    const resumed = await keyward(env, ['keys', 'rotate', '--profile', 'work', '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('The profile now uses the new key.');
    expect(resumed.stdout).toMatch(/^Rotated "work": it now uses AKIA/);
    expectNoSecret(resumed);
  });

  it('says a user already has two keys, and removes the inactive one with --remove-other', async () => {
    await keepKeyOf(f, 'bob', 'ci', { created: '' });
    const refused = await keyward(env, ['keys', 'rotate', '--profile', 'ci']);
    expectOneLineError(refused, 1, /bob already has two access keys.*--remove-other/);
    const rotated = await keyward(env, [
      'keys',
      'rotate',
      '--profile',
      'ci',
      '--remove-other',
      '--json',
    ]);
    expect(rotated.code).toBe(0);
    const { newKeyId } = JSON.parse(rotated.stdout) as { newKeyId: string };
    expect(f.sandbox.state.keysOf('bob').map((key) => key.accessKeyId)).toEqual([newKeyId]);
  });

  it('sets up and removes a profile in an existing AWS config, leaving it as it was', async () => {
    mkdirSync(path.dirname(env['AWS_CONFIG_FILE'] ?? ''), { recursive: true });
    writeFileSync(env['AWS_CONFIG_FILE'] ?? '', '[default]\n');
    const setup = await keyward(env, [
      'cli',
      'setup',
      '--profile',
      'admin',
      '--region',
      'eu-west-1',
    ]);
    expect(setup.stdout).toContain('now gets its key from Keyward');
    const removed = await keyward(env, ['cli', 'remove', '--profile', 'admin']);
    expect(removed.code).toBe(0);
    expect(readFileSync(env['AWS_CONFIG_FILE'] ?? '', 'utf8')).toBe('[default]\n');
  });
});

describe('keyward handoff open', () => {
  it('refuses a key AWS says belongs to another account than its file says, unless --keep-other-account', async () => {
    await f.core.session.signIn({ kind: 'stored-key', profile: 'admin' });
    const created = await f.core.newKeys.create('alice', null);
    const file = path.join(env['HOME'] ?? '', 'other-account.keyward');
    writeFileSync(
      file,
      await sealHandoff(
        [
          {
            accessKeyId: created.accessKeyId,
            secretAccessKey: await f.core.newKeys.reveal(created.handle),
            userName: 'alice',
            accountId: '999988887777',
            description: '',
            created: created.created,
          },
        ],
        { kind: 'recipients', codes: [await f.core.handoff.receivingCode()] },
      ),
    );

    const refused = await keyward(env, ['handoff', 'open', file, '--store', 'received']);
    expectOneLineError(
      refused,
      5,
      /belongs to AWS account 123456789012, but the key file says it is for account 999988887777\. .*--keep-other-account/,
    );
    expect(await f.profiles.get('received')).toBeNull();

    const kept = await keyward(env, [
      'handoff',
      'open',
      file,
      '--store',
      'received',
      '--keep-other-account',
    ]);
    expect(kept.code).toBe(0);
    expect((await f.profiles.require('received')).accountId).toBe('123456789012');
  });
});
