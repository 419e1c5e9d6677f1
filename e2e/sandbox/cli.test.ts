import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

describe('npm run sandbox', () => {
  it('prints the endpoint and admin credentials, serves them, and stops cleanly on SIGTERM', async () => {
    const cli = startCli(['--port', '0', '--users', '25']);
    try {
      const [, endpoint] = await cli.waitFor(/export AWS_ENDPOINT_URL=(\S+)\n/);
      await cli.waitFor(/Press Ctrl\+C to stop/);
      const { stdout } = cli.output();
      const accessKeyId = /export AWS_ACCESS_KEY_ID=(\S+)/.exec(stdout)?.[1] ?? '';
      const secretAccessKey = /export AWS_SECRET_ACCESS_KEY=(\S+)/.exec(stdout)?.[1] ?? '';
      expect(stdout).toContain('region   us-east-1');
      expect(stdout).toContain('25 users');

      const sts = new STSClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId, secretAccessKey },
        maxAttempts: 1,
      });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/admin');
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toBe(0);
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
