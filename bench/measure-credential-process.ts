import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProfileStore } from '../electron/core/vault/profile-store';
import { KeytarStore } from '../electron/core/vault/keytar-store';
import { checkVault } from '../electron/core/vault/vault-status';
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
    const cliTimes: number[] = [];
    const nodeTimes: number[] = [];
    for (let run = 0; run < runs; run++) {
      cliTimes.push(timed(process.execPath, [file, ...args], env));
      nodeTimes.push(timed(process.execPath, ['-e', '0'], env));
    }
    const cliMs = median(cliTimes);
    const nodeMs = median(nodeTimes);
    return [
      {
        name: 'credential_process_ms',
        value: cliMs,
        unit: 'ms',
        target: { op: '<=', value: 100 },
        how,
        details: { runsMs: cliTimes },
      },
      {
        name: 'credential_process_vs_node_ratio',
        value: cliMs / nodeMs,
        unit: '×',
        target: { op: '<=', value: 2 },
        how: 'credential_process_ms ÷ median wall time of `node -e 0` (20 runs, interleaved)',
        details: { nodeMs, nodeRunsMs: nodeTimes },
      },
    ];
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
