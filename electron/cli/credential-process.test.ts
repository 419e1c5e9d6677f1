import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarStore } from '../core/vault/keytar-store';
import { ProfileStore, profileNamePattern } from '../core/vault/profile-store';
import { fastProfileName, profileAccountPrefix } from './credential-output';
import { launcher } from '../../testing/cli/cli-harness';
import {
  emptyBusConfig,
  onOwnSessionBus,
  withLockedKeyring,
} from '../../testing/core/vault/session-bus';

const run = promisify(execFile);
const service = `Keyward-test-cp-${String(process.pid)}`;
const store = new KeytarStore({ os: process.platform, service });
const key = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  userName: 'alice',
  accountId: '123456789012',
  created: '2025-01-02T00:00:00.000Z',
  description: 'Laptop',
};

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `keyward credential-process` as the AWS CLI would: a separate process. */
async function credentialProcess(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; wrap?: (command: string) => string[] } = {},
): Promise<Outcome> {
  const command = [launcher, 'credential-process', ...args].map((arg) => `'${arg}'`).join(' ');
  const [file, ...rest] = options.wrap ? options.wrap(command) : ['sh', '-c', command];
  try {
    const { stdout, stderr } = await run(file ?? 'sh', rest, {
      env: { ...process.env, KEYWARD_KEYCHAIN_SERVICE: service, ...options.env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** A failure: non-zero exit, nothing on stdout, one line on stderr, and no secret anywhere. */
function expectRefusal(outcome: Outcome, code: number, reason: RegExp): void {
  expect(outcome.code).toBe(code);
  expect(outcome.stdout).toBe('');
  const lines = outcome.stderr.split('\n').filter((line) => line.startsWith('keyward:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(reason);
  expect(outcome.stdout + outcome.stderr).not.toContain(key.secretAccessKey);
}

beforeAll(async () => {
  await new ProfileStore(store).put('work', key);
  await store.set(`${profileAccountPrefix}damaged`, '{"accessKeyId":"AKIA"}');
});

afterAll(async () => {
  for (const account of await store.list()) await store.delete(account);
});

describe('keyward credential-process', () => {
  it('prints the AWS credential_process JSON for a stored profile, and nothing on stderr', async () => {
    const outcome = await credentialProcess(['--profile', 'work']);
    expect(outcome).toEqual({
      code: 0,
      stdout: `${JSON.stringify({ Version: 1, AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey })}\n`,
      stderr: '',
    });
  });

  it('says a profile is missing, with exit code 4', async () => {
    expectRefusal(await credentialProcess(['--profile', 'nope']), 4, /no key called "nope"/);
  });

  it('explains a locked keyring, with exit code 3', async () => {
    const outcome = await credentialProcess(['--profile', 'work'], {
      wrap: (command) => onOwnSessionBus(withLockedKeyring(command)),
    });
    expectRefusal(outcome, 3, /keyring is locked/);
  });

  it('explains that no keychain service is running, with exit code 3', async () => {
    const outcome = await credentialProcess(['--profile', 'work'], {
      wrap: (command) => onOwnSessionBus(command, emptyBusConfig()),
    });
    expectRefusal(outcome, 3, /No keychain service is running/);
  });

  it('explains a desktop session without D-Bus, with exit code 3', async () => {
    const outcome = await credentialProcess(['--profile', 'work'], {
      env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(tmpdir(), 'keyward-no-such-bus')}` },
    });
    expectRefusal(outcome, 3, /message bus \(D-Bus\)/);
  });

  it('refuses a damaged keychain entry without echoing it', async () => {
    expectRefusal(await credentialProcess(['--profile', 'damaged']), 1, /damaged/);
  });

  it.each([
    [[]],
    [['--profile']],
    [['--profile', 'a', 'b']],
    [['--profile', 'a]b']],
    [['--user', 'x']],
  ])('answers bad arguments %j with a usage error (exit code 2)', async (args) => {
    expectRefusal(await credentialProcess(args), 2, /profile/);
  });

  it('loads neither the AWS SDK nor zod until it must make a session, so it stays fast', async () => {
    const result = await build({
      entryPoints: [path.join(import.meta.dirname, 'credential-process.ts')],
      bundle: true,
      splitting: true,
      outdir: 'out-of-test',
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      external: ['keytar'],
      logLevel: 'silent',
    });
    // What runs before any `await import(…)`: the entry and the chunks it imports statically.
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint !== undefined);
    const eager = new Set<string>();
    const visit = (file: string | undefined) => {
      if (file === undefined || eager.has(file)) return;
      eager.add(file);
      for (const imported of outputs[file]?.imports ?? []) {
        if (imported.kind === 'import-statement') visit(imported.path);
      }
    };
    visit(entry);
    const loaded = [...eager].flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}));
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((file) => /node_modules|@aws-sdk|zod/.test(file))).toEqual([]);
    // The session path does load them, once, when a new session is needed.
    const all = Object.keys(result.metafile.inputs);
    expect(all.some((file) => /client-sts/.test(file))).toBe(true);
  });

  it('reads profile names and entries exactly as Keyward stores them', () => {
    expect(fastProfileName.source).toBe(profileNamePattern.source);
  });
});
