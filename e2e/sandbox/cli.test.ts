import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, 'cli.ts');

function startCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const output = () => ({ stdout, stderr });
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (;;) {
      const match = pattern.exec(stdout);
      if (match) return match;
      const finished = await Promise.race([exited.then(() => true), delay(50).then(() => false)]);
      if (finished) throw new Error(`The CLI exited early:\n${stdout}\n${stderr}`);
    }
  };
  return { child, exited, output, waitFor };
}

/** Whom STS takes the printed credentials for, asked at the printed endpoint. */
async function callerOfPrintedCredentials(stdout: string): Promise<string | undefined> {
  const printed = (name: string) => new RegExp(`export ${name}=(\\S+)`).exec(stdout)?.[1] ?? '';
  const sts = new STSClient({
    endpoint: printed('AWS_ENDPOINT_URL'),
    region: 'us-east-1',
    credentials: {
      accessKeyId: printed('AWS_ACCESS_KEY_ID'),
      secretAccessKey: printed('AWS_SECRET_ACCESS_KEY'),
    },
    maxAttempts: 1,
  });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
}

/**
 * Runs `npm run sandbox` with `args` until it serves, checks that the admin credentials it prints
 * work at the endpoint it prints, then stops it with SIGTERM and expects a clean exit. Returns
 * what it printed.
 */
async function serveThenStop(args: string[]): Promise<string> {
  const cli = startCli(args);
  let stdout: string;
  try {
    await cli.waitFor(/export AWS_ENDPOINT_URL=(\S+)\n/);
    await cli.waitFor(/Press Ctrl\+C to stop/);
    stdout = cli.output().stdout;
    expect(await callerOfPrintedCredentials(stdout)).toBe('arn:aws:iam::123456789012:user/admin');
  } finally {
    cli.child.kill('SIGTERM');
  }
  expect(await cli.exited).toBe(0);
  return stdout;
}

describe('npm run sandbox', () => {
  it('prints the endpoint and admin credentials, serves them, and stops cleanly on SIGTERM', async () => {
    const stdout = await serveThenStop(['--port', '0', '--users', '25']);
    expect(stdout).toContain('region   us-east-1');
    expect(stdout).toContain('25 users');
  });

  it('starts the README’s 10,000-user account, serves it, and stops', async () => {
    const readme = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8');
    // The line as a shell runs it: a trailing `# comment` is not an argument.
    const command = /^npm run sandbox -- (.*--users 10000[^#]*)/m.exec(readme)?.[1] ?? '';
    expect(command).not.toBe('');
    const stdout = await serveThenStop(command.trim().split(/\s+/));
    expect(stdout).toContain('10000 users');
  });

  it('explains what is wrong with a seed file and exits with an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
    try {
      const file = join(dir, 'seed.json');
      await writeFile(file, JSON.stringify({ accountId: '12', users: [] }));
      const cli = startCli(['--seed', file]);
      expect(await cli.exited).toBe(1);
      expect(cli.output().stderr).toContain(`Invalid sandbox seed file ${file}`);
      expect(cli.output().stderr).toContain('accountId');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run sandbox with bad arguments', () => {
  it.each([
    [['--colour'], /Unknown option '--colour'/],
    [['extra'], /Unexpected argument 'extra'/],
    [['--users'], /--users needs a value/],
    [['--users', 'many'], /--users must be a whole number from 1 to 20000, not 'many'/],
    [['--users', '-5'], /--users must be a whole number from 1 to 20000, not '-5'/],
    [['--users', '20001'], /--users must be a whole number from 1 to 20000, not '20001'/],
    [['--latency', '-50'], /--latency must be a whole number of milliseconds from 0 to 60000/],
    [['--rate', 'fast'], /--rate must be a whole number from 1 to 1000000, not 'fast'/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--seed', 'a.json', '--users', '5'], /--seed and --users cannot be combined/],
  ])('%j: one line on stderr, exit code 2', async (args, message) => {
    const cli = startCli(args);
    expect(await cli.exited).toBe(2);
    const { stdout, stderr } = cli.output();
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^sandbox: [^\n]+\n$/);
    expect(stderr).not.toMatch(/\bat \S+ \(|Error:/);
    expect(stderr).toMatch(message);
  });

  it('says in one line that a port is taken, with exit code 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const cli = startCli(['--port', String(port)]);
      expect(await cli.exited).toBe(1);
      expect(cli.output().stderr).toBe(
        `sandbox: port ${String(port)} on 127.0.0.1 is already in use: choose another with --port, or leave it out for a free one\n`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
