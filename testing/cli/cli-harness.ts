import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { KeywardFixture } from '../core/keyward-fixture';
import type { CliIo } from '../../electron/cli/command-spec';
import { runCli } from '../../electron/cli/run-cli';

const run = promisify(execFile);

/** The `keyward` launcher in this checkout: it runs the sources through tsx when unbuilt. */
export const launcher = path.resolve(import.meta.dirname, '../../bin/keyward');

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A home with its own (empty) AWS config files, so no test touches a real ~/.aws. */
export function cliEnvironment(f: KeywardFixture): NodeJS.ProcessEnv {
  const home = mkdtempSync(path.join(tmpdir(), 'keyward-cli-home-'));
  return {
    HOME: home,
    KEYWARD_DATA_DIR: f.platform.dataDir(),
    KEYWARD_KEYCHAIN_SERVICE: f.store.service,
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
  };
}

/** Runs the command line in this process, as a person would type it. */
export async function keyward(
  env: NodeJS.ProcessEnv,
  argv: string[],
  stdin = '',
  options: { ownCommand?: boolean; confirmPresence?: CliIo['confirmPresence'] } = {},
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([stdin]),
    // With ownCommand the command line works out its own program, as in production.
    ...(options.ownCommand ? {} : { keywardCommand: [launcher] }),
    // The packaged Mac app's Touch ID (electron/main/command-line.ts); tests pass a stand-in.
    ...(options.confirmPresence ? { confirmPresence: options.confirmPresence } : {}),
  });
  return { code, stdout, stderr };
}

/** Debian's AWS CLI, isolated from any real AWS set-up, with Keyward's test environment. */
export async function awsCli(
  env: NodeJS.ProcessEnv,
  endpoint: string,
  ...args: string[]
): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(
      '/usr/bin/aws',
      [...args, '--endpoint-url', endpoint, '--output', 'json'],
      {
        timeout: 30_000,
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          // credential_process runs Keyward, which needs the session's keyring.
          DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'],
          XDG_RUNTIME_DIR: process.env['XDG_RUNTIME_DIR'],
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
