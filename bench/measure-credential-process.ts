import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProfileStore } from '../electron/core/vault/profile-store';
import { KeytarStore } from '../electron/core/vault/keytar-store';
import { checkVault } from '../electron/core/vault/vault-status';
import { SessionCache } from '../electron/core/sessions/session-cache';
import { latencyMs } from './measure-iam';
import { SandboxProcess } from './sandbox-client';
import { bundleForNode, root } from './bundle';
import type { Figure } from './figures';
import { median, skipped } from './figures';
import { message } from './measure-startup';

const runs = 20;
const names = ['credential_process_ms', 'credential_process_vs_node_ratio'] as const;
const units = ['ms', '×'] as const;

/**
 * How `keyward credential-process` runs here. bin/keyward imports out/main/credential-process.js
 * when `npm run build` made it; without a build it would compile TypeScript through tsx, which is
 * a development path, so the benchmark bundles the same entry with Vite instead.
 */
function findCli(): { file: string; args: string[]; built: boolean } | null {
  const launcher = 'bin/keyward';
  const fast = 'electron/cli/credential-process.ts';
  if (
    existsSync(path.join(root, 'out/main/credential-process.js')) &&
    existsSync(path.join(root, launcher))
  ) {
    return { file: launcher, args: ['credential-process'], built: true };
  }
  if (existsSync(path.join(root, fast)))
    return { file: fast, args: ['credential-process'], built: false };
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['keyward'];
  if (bin && existsSync(path.join(root, bin)))
    return { file: bin, args: ['credential-process'], built: true };
  if (existsSync(path.join(root, 'electron/cli/index.ts'))) {
    return { file: 'electron/cli/index.ts', args: ['credential-process'], built: false };
  }
  return null;
}

function skipBoth(reason: string, how: string): Figure[] {
  return names.map((name, i) => skipped(name, units[i] ?? '', reason, how));
}

/**
 * Median of 20 runs of `keyward credential-process` reading a key stored in the real keychain,
 * and its ratio to a bare `node -e 0` (runs interleaved, so drift hits both alike).
 */
export async function measureCredentialProcess(): Promise<Figure[]> {
  let how =
    '`keyward credential-process` on a key stored in the OS keychain; wall time of each process, median of 20';
  const cli = findCli();
  if (!cli) {
    return skipBoth('electron/cli has no entry yet (the command line is being built)', how);
  }
  // A service of the benchmark's own (the CLI honours KEYWARD_KEYCHAIN_SERVICE), so a run on a
  // person's machine never touches their Keyward entries.
  const service = `Keyward-bench-${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, KEYWARD_KEYCHAIN_SERVICE: service };
  const store = new KeytarStore({ os: process.platform, service });
  const vault = await checkVault(store, process.platform);
  if (vault.state !== 'ready') return skipBoth(`no OS keychain: ${vault.message}`, how);

  let file = path.join(root, cli.file);
  if (!cli.built) {
    try {
      file = fileURLToPath(await bundleForNode(cli.file, 'cli'));
    } catch (error) {
      return skipBoth(`could not bundle ${cli.file}: ${message(error)}`, how);
    }
    how += `; no out/main build yet, so ${cli.file} bundled with Vite and run with node`;
  } else {
    how += `; node ${cli.file}`;
  }

  const profiles = new ProfileStore(store);
  const profile = `keyward-bench-${randomBytes(4).toString('hex')}`;
  const accessKeyId = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
  await profiles.put(profile, {
    accessKeyId,
    secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
    userName: 'bench',
    accountId: '123456789012',
    created: new Date().toISOString(),
    description: null,
  });
  try {
    const forms = [
      [...cli.args, '--profile', profile],
      [...cli.args, profile],
    ];
    const args = forms.find((form) => answersCredentials(file, form, accessKeyId, env));
    if (!args) {
      const tried = spawnSync(process.execPath, [file, ...(forms[0] ?? [])], {
        encoding: 'utf8',
        env,
      });
      return skipBoth(
        `${cli.file} did not print credentials (exit ${String(tried.status)}: ${tried.stderr.trim().slice(0, 200)})`,
        how,
      );
    }
    how += ` \`${args.join(' ').replace(profile, 'NAME')}\``;
    return againstNode(
      { file, args, env },
      { ms: 'credential_process_ms', ratio: 'credential_process_vs_node_ratio' },
      { ms: 100, ratio: 2 },
      how,
    );
  } finally {
    await profiles.remove(profile);
  }
}

function answersCredentials(
  file: string,
  args: string[],
  accessKeyId: string,
  env: NodeJS.ProcessEnv,
): boolean {
  const child = spawnSync(process.execPath, [file, ...args], {
    encoding: 'utf8',
    timeout: 10_000,
    env,
  });
  if (child.status !== 0) return false;
  try {
    const output = JSON.parse(child.stdout) as { Version?: unknown; AccessKeyId?: unknown };
    return output.Version === 1 && output.AccessKeyId === accessKeyId;
  } catch {
    return false;
  }
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  spawnSync(command, args, { stdio: 'ignore', env });
  return performance.now() - started;
}

const sessionNames = [
  'credential_process_session_hit_ms',
  'credential_process_session_hit_vs_node_ratio',
  'credential_process_session_miss_ms',
] as const;
const sessionUnits = ['ms', '×', 'ms'] as const;

/**
 * Session mode (the default for a new `cli setup`): a hit reads the cached session, one keychain
 * entry; a miss makes one STS GetSessionToken against the sandbox at the bench's latency and keeps
 * the new session. Each miss run starts with the cached session forgotten.
 */
export async function measureCredentialSessions(): Promise<Figure[]> {
  let how = '`keyward credential-process --profile NAME` for a key in session mode';
  const skipAll = (reason: string) =>
    sessionNames.map((name, i) => skipped(name, sessionUnits[i] ?? '', reason, how));
  const cli = findCli();
  if (!cli) return skipAll('electron/cli has no entry yet');
  const service = `Keyward-bench-${randomBytes(4).toString('hex')}`;
  const store = new KeytarStore({ os: process.platform, service });
  const vault = await checkVault(store, process.platform);
  if (vault.state !== 'ready') return skipAll(`no OS keychain: ${vault.message}`);
  let file = path.join(root, cli.file);
  if (!cli.built) {
    try {
      file = fileURLToPath(await bundleForNode(cli.file, 'cli'));
    } catch (error) {
      return skipAll(`could not bundle ${cli.file}: ${message(error)}`);
    }
  }
  const sandbox = await SandboxProcess.start({
    users: 10,
    latencyMs,
    rateLimit: { perSecond: 1000, burst: 1000 },
  });
  const profiles = new ProfileStore(store);
  const sessions = new SessionCache(store);
  const profile = `keyward-bench-${randomBytes(4).toString('hex')}`;
  const env = {
    ...process.env,
    KEYWARD_KEYCHAIN_SERVICE: service,
    KEYWARD_DATA_DIR: path.join(root, 'node_modules', '.cache', `keyward-bench-${profile}`),
    AWS_ENDPOINT_URL: sandbox.info.endpoint,
  };
  try {
    await profiles.put(profile, {
      ...sandbox.info.admin,
      accountId: sandbox.info.accountId,
      created: new Date().toISOString(),
      description: null,
      use: { mode: 'session', durationSeconds: 3600, mfaSerial: null },
    });
    const args = [...cli.args, '--profile', profile];
    const first = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', env });
    if (first.status !== 0 || !first.stdout.includes('"SessionToken"')) {
      return skipAll(
        `no session was printed (exit ${String(first.status)}: ${first.stderr.trim().slice(0, 200)})`,
      );
    }
    how += `; node ${cli.built ? cli.file : `${cli.file} bundled with Vite`}; median of ${String(runs)}`;
    const hit = againstNode(
      { file, args, env },
      {
        ms: 'credential_process_session_hit_ms',
        ratio: 'credential_process_session_hit_vs_node_ratio',
      },
      { ms: 100, ratio: 1.5 },
      `${how}; the session is cached in the keychain`,
    );
    const misses: number[] = [];
    for (let run = 0; run < runs; run++) {
      await sessions.clear(profile);
      misses.push(timed(process.execPath, [file, ...args], env));
    }
    return [
      ...hit,
      {
        name: 'credential_process_session_miss_ms',
        value: median(misses),
        unit: 'ms',
        target: { op: '<=', value: latencyMs + 150 },
        how: `${how}; no cached session, so one STS GetSessionToken to the sandbox at ${String(latencyMs)} ms latency, then kept`,
        details: { runsMs: misses },
      },
    ];
  } finally {
    await sessions.clear(profile);
    await profiles.remove(profile);
    await sandbox.close();
  }
}

/**
 * A command's median wall time over 20 runs and its ratio to a bare `node -e 0`, the runs
 * interleaved so that drift hits both alike.
 */
function againstNode(
  command: { file: string; args: string[]; env: NodeJS.ProcessEnv },
  names: { ms: string; ratio: string },
  targets: { ms: number; ratio: number },
  how: string,
): Figure[] {
  const times: number[] = [];
  const nodeTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    times.push(timed(process.execPath, [command.file, ...command.args], command.env));
    nodeTimes.push(timed(process.execPath, ['-e', '0'], command.env));
  }
  const ms = median(times);
  const nodeMs = median(nodeTimes);
  return [
    {
      name: names.ms,
      value: ms,
      unit: 'ms',
      target: { op: '<=', value: targets.ms },
      how,
      details: { runsMs: times },
    },
    {
      name: names.ratio,
      value: ms / nodeMs,
      unit: '×',
      target: { op: '<=', value: targets.ratio },
      how: `${names.ms} ÷ median wall time of \`node -e 0\` (${String(runs)} runs, interleaved)`,
      details: { nodeMs, nodeRunsMs: nodeTimes },
    },
  ];
}
