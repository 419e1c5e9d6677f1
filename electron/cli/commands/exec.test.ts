import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { keepKeyOf } from '../../../testing/core/kept-keys';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { cliEnvironment, keyward } from '../../../testing/cli/cli-harness';
import type { CliOutcome } from '../../../testing/cli/cli-harness';
import { expectOneLineError } from '../../../testing/cli/cli-expect';
import type { SandboxCredentials } from '../../../e2e/sandbox/index';

const f = keywardForEachTest();
let env: NodeJS.ProcessEnv;
let alice: SandboxCredentials;

beforeEach(async () => {
  env = cliEnvironment(f);
  alice = await keepKeyOf(f, 'alice', 'work');
});

const node = process.execPath;
/** `keyward exec --profile work` followed by `rest`. */
const execWork = (...rest: string[]) => ['exec', '--profile', 'work', ...rest];
/** A command that prints the environment it was given, as JSON. */
const printEnv = [node, '-e', 'process.stdout.write(JSON.stringify(process.env))'];

async function childEnvOf(extraEnv: NodeJS.ProcessEnv, ...options: string[]) {
  const outcome = await keyward({ ...env, ...extraEnv }, execWork(...options, '--', ...printEnv));
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as Record<string, string | undefined>;
}

function writeConfig(text: string): void {
  const file = env['AWS_CONFIG_FILE'] ?? '';
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** What a shell session left behind: another profile, and credentials of some earlier session. */
const inherited = {
  AWS_PROFILE: 'someone-else',
  AWS_DEFAULT_PROFILE: 'someone-else',
  AWS_ACCESS_KEY_ID: 'ASIAOLDOLDOLDOLDOLD1',
  AWS_SECRET_ACCESS_KEY: 'old-secret',
  AWS_SESSION_TOKEN: 'old-token',
  AWS_SECURITY_TOKEN: 'old-token',
  AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
  AWS_REGION: 'us-west-1',
  AWS_DEFAULT_REGION: 'us-west-1',
};

describe('keyward exec: the environment of the command', () => {
  it('gives a session of the stored key by default, and nothing of an inherited profile', async () => {
    const child = await childEnvOf(inherited);
    expect(child['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(child['AWS_SECRET_ACCESS_KEY']).not.toBe(alice.secretAccessKey);
    expect(child['AWS_SECRET_ACCESS_KEY']).not.toBe(inherited.AWS_SECRET_ACCESS_KEY);
    expect(child['AWS_SESSION_TOKEN']).toMatch(/.{20,}/);
    expect(child['AWS_SESSION_TOKEN']).not.toBe(inherited.AWS_SESSION_TOKEN);
    const ends = Date.parse(child['AWS_CREDENTIAL_EXPIRATION'] ?? '');
    expect(ends).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(child['AWS_SECURITY_TOKEN']).toBeUndefined();
    expect(child['AWS_PROFILE']).toBeUndefined();
    expect(child['AWS_DEFAULT_PROFILE']).toBeUndefined();
    expect(child['KEYWARD_EXEC_PROFILE']).toBe('work');
    // The profile has no region: the one the person had set stays.
    expect(child['AWS_REGION']).toBe('us-west-1');
    expect(child['AWS_DEFAULT_REGION']).toBe('us-west-1');
    // Where the AWS files are stays, for the settings other than credentials.
    expect(child['AWS_CONFIG_FILE']).toBe(env['AWS_CONFIG_FILE']);
  });

  it('gives the long-term key with --long-term, with no session token or end left over', async () => {
    const child = await childEnvOf(inherited, '--long-term');
    expect(child['AWS_ACCESS_KEY_ID']).toBe(alice.accessKeyId);
    expect(child['AWS_SECRET_ACCESS_KEY']).toBe(alice.secretAccessKey);
    expect(child['AWS_SESSION_TOKEN']).toBeUndefined();
    expect(child['AWS_SECURITY_TOKEN']).toBeUndefined();
    expect(child['AWS_CREDENTIAL_EXPIRATION']).toBeUndefined();
    expect(child['AWS_PROFILE']).toBeUndefined();
  });

  it('sets AWS_REGION and AWS_DEFAULT_REGION to the region of the AWS profile of that name', async () => {
    writeConfig('[profile other]\nregion = ap-south-1\n\n[profile work]\nregion = eu-west-2\n');
    const child = await childEnvOf(inherited, '--long-term');
    expect(child['AWS_REGION']).toBe('eu-west-2');
    expect(child['AWS_DEFAULT_REGION']).toBe('eu-west-2');
  });

  it('sets no region when neither the profile nor the environment has one', async () => {
    writeConfig('[profile other]\nregion = ap-south-1\n');
    const child = await childEnvOf({}, '--long-term');
    expect(child['AWS_REGION']).toBeUndefined();
    expect(child['AWS_DEFAULT_REGION']).toBeUndefined();
  });

  it('takes the region from the credentials file over the config file, as the AWS CLI does', async () => {
    writeConfig('[profile work]\nregion = eu-west-2\n');
    writeFileSync(env['AWS_SHARED_CREDENTIALS_FILE'] ?? '', '[work]\nregion = eu-north-1\n');
    const child = await childEnvOf({}, '--long-term');
    expect(child['AWS_REGION']).toBe('eu-north-1');
  });

  it('runs the command without a region, and says why, when the AWS CLI cannot read the config', async () => {
    writeConfig('[profile work]\nregion = eu-west-2\n[profile work]\nregion = eu-west-3\n');
    const outcome = await keyward(env, execWork('--long-term', '--', ...printEnv));
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toMatch(
      /^The AWS CLI cannot read .*config: the heading \[profile work\] appears twice.*The command runs without the profile’s region\.\n$/,
    );
    expect(JSON.parse(outcome.stdout)).not.toHaveProperty('AWS_REGION');
  });

  it('passes the arguments after -- as they are, options and all', async () => {
    const outcome = await keyward(
      env,
      execWork(
        '--long-term',
        '--',
        '/usr/bin/printf',
        '[%s]',
        '--profile',
        'x',
        '--help',
        '--',
        '-h',
      ),
    );
    expect(outcome).toEqual({ code: 0, stdout: '[--profile][x][--help][--][-h]', stderr: '' });
  });
});

describe('keyward exec with the AWS CLI', () => {
  it('runs Debian’s AWS CLI as the user, on the session Keyward started', async () => {
    const outcome = await keyward(
      {
        ...env,
        PATH: process.env['PATH'],
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
        AWS_DEFAULT_REGION: 'us-east-1',
      },
      execWork(
        '--',
        '/usr/bin/aws',
        'sts',
        'get-caller-identity',
        // This AWS CLI (2.9) predates AWS_ENDPOINT_URL.
        '--endpoint-url',
        f.sandbox.endpoint,
        '--output',
        'json',
      ),
    );
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toMatchObject({
      Account: f.sandbox.accountId,
      Arn: `arn:aws:iam::${f.sandbox.accountId}:user/alice`,
    });
    // Keyward asked STS for the session once; the AWS CLI asked who it is, with that session.
    expect(f.sandbox.stats.calls('GetSessionToken')).toBe(1);
    expect(f.sandbox.stats.calls('GetCallerIdentity')).toBe(1);
  });
});

describe('keyward exec: exit codes', () => {
  it('exits with the command’s exit code', async () => {
    const outcome = await keyward(
      env,
      execWork('--long-term', '--', node, '-e', 'process.exit(3)'),
    );
    expect(outcome).toEqual({ code: 3, stdout: '', stderr: '' });
  });

  it('exits with 128 + the signal number when the command is killed by a signal', async () => {
    const outcome = await keyward(
      env,
      execWork('--long-term', '--', node, '-e', 'process.kill(process.pid, "SIGKILL")'),
    );
    expect(outcome).toEqual({ code: 128 + 9, stdout: '', stderr: '' });
  });

  it('says in one line that a command was not found, with the shell’s 127, and no secret', async () => {
    const outcome = await keyward(
      { ...env, PATH: '/usr/bin:/bin' },
      execWork('--verbose', '--long-term', '--', 'no-such-command-anywhere', 'arg'),
    );
    expectOneLineError(outcome, 127, /"no-such-command-anywhere" was not found/);
    expect(outcome.stderr).not.toContain(alice.secretAccessKey);
  });

  it('says in one line that a file cannot be run, with the shell’s 126', async () => {
    const file = path.join(env['HOME'] ?? '', 'not-executable.sh');
    writeFileSync(file, '#!/bin/sh\necho hi\n');
    chmodSync(file, 0o644);
    const outcome = await keyward(env, execWork('--long-term', '--', file));
    expectOneLineError(outcome, 126, /could not run .*not-executable\.sh/);
  });

  it('refuses an unknown profile in one line, with the not-found exit code', async () => {
    const outcome = await keyward(env, ['exec', '--profile', 'nobody', '--', ...printEnv]);
    expectOneLineError(outcome, 4, /nobody/);
  });

  it('refuses to run inside another keyward exec, saying what to do', async () => {
    const outcome = await keyward(
      { ...env, KEYWARD_EXEC_PROFILE: 'work' },
      execWork('--', ...printEnv),
    );
    expectOneLineError(outcome, 1, /already runs inside "keyward exec" for "work".*exit/i);
  });

  it('explains itself in --help, with an example', async () => {
    const outcome = await keyward(env, ['exec', '--help']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(
      /^Usage: keyward exec --profile NAME \[--long-term\] -- COMMAND/,
    );
    expect(outcome.stdout).toContain('keyward exec --profile work -- aws s3 ls');
    expect(outcome.stdout).toMatch(/AWS_PROFILE\s+is taken out/);
  });

  it('asks for the command to run when none follows --', async () => {
    const outcome = await keyward(env, execWork('--'));
    expectOneLineError(outcome, 2, /command to run after "--"/);
    const without = await keyward(env, execWork('aws', 's3', 'ls'));
    expectOneLineError(without, 2, /Usage: keyward exec --profile NAME .*-- COMMAND/);
  });
});

/** The command line from its sources (bin/keyward would prefer a build that may be stale). */
const fromSources = [node, '--import', 'tsx', path.resolve(import.meta.dirname, '../index.ts')];

/** `keyward` as a process of its own, with stdin and stdout as pipes. */
function keywardProcess(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const [program = node, ...start] = fromSources;
  const child = spawn(program, [...start, ...args], {
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const finished = new Promise<CliOutcome>((resolve) => {
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
  /** Resolves once stdout has `text`; fails, saying what keyward printed, if it ends first. */
  const printed = (text: string) =>
    Promise.race([
      new Promise<void>((resolve) => {
        child.stdout.on('data', () => {
          if (stdout.includes(text)) resolve();
        });
      }),
      finished.then((outcome) => {
        throw new Error(`keyward ended first: ${JSON.stringify(outcome)}`);
      }),
    ]);
  return { child, finished, printed };
}

describe('keyward exec as a process of its own', () => {
  it('passes stdin through to the command', async () => {
    const run = keywardProcess(execWork('--long-term', '--', 'cat'));
    run.child.stdin.end('first line\nsecond line\n');
    expect(await run.finished).toEqual({
      code: 0,
      stdout: 'first line\nsecond line\n',
      stderr: '',
    });
  }, 60_000);

  it('passes SIGTERM on to the command and exits with 143 when it dies of it', async () => {
    const script = [
      'process.on("SIGTERM", () => {',
      '  process.stdout.write("got SIGTERM\\n");',
      '  process.removeAllListeners("SIGTERM");',
      '  process.kill(process.pid, "SIGTERM");',
      '});',
      'process.stdout.write("ready\\n");',
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const run = keywardProcess(execWork('--long-term', '--', node, '-e', script));
    await run.printed('ready\n');
    run.child.kill('SIGTERM');
    expect(await run.finished).toEqual({
      code: 143,
      stdout: 'ready\ngot SIGTERM\n',
      stderr: '',
    });
  }, 60_000);

  it('lets the command use the terminal keyward runs in', async () => {
    const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
    const test = 'test -t 0 && test -t 1 && test -t 2 && echo on-a-terminal';
    const args = execWork('--long-term', '--', 'sh', '-c', test);
    // util-linux script(1) runs it on a pseudo-terminal of its own.
    const { stdout } = await promisify(execFile)(
      'script',
      ['-q', '-e', '-c', [...fromSources, ...args].map(quote).join(' '), '/dev/null'],
      { env: { ...process.env, ...env }, timeout: 60_000 },
    );
    expect(stdout).toMatch(/^on-a-terminal\r?\n$/);
  }, 60_000);
});
