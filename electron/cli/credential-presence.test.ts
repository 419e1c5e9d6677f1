import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectOneLineError } from '../../testing/cli/cli-expect';
import { cliEnvironment } from '../../testing/cli/cli-harness';
import type { CliOutcome } from '../../testing/cli/cli-harness';
import { keyward } from '../../testing/cli/cli-harness';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';
import { keepKeyOf } from '../../testing/core/kept-keys';

// In the packaged Mac app, credential_process runs in Keyward's main process, which can ask for
// Touch ID (electron/main/command-line.ts gives it to runCli). The test platform stands in for it.
const f = keywardForEachTest();
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  env = cliEnvironment(f);
  f.platform.touchIdAvailable = true;
});

/** `keyward credential-process --profile NAME` as the packaged Mac app runs it, with Touch ID. */
function credentialProcess(profile: string): Promise<CliOutcome> {
  return asPackagedMacApp(['credential-process', '--profile', profile]);
}

/** A command as the packaged Mac app runs it, with Touch ID. */
function asPackagedMacApp(argv: string[]): Promise<CliOutcome> {
  return keyward(env, argv, '', {
    confirmPresence: (reason) => f.platform.confirmPresence(reason),
  });
}

async function setUp(profile: string, ...options: string[]): Promise<void> {
  const outcome = await keyward(env, ['cli', 'setup', '--profile', profile, ...options]);
  expect(outcome.stderr).toBe('');
}

describe('the long-term key handed to the AWS CLI on a Mac with Touch ID', () => {
  it('is handed out once Touch ID confirms, which names the key', async () => {
    const alice = await keepKeyOf(f, 'alice', 'tools');
    await setUp('tools', '--mode', 'long-term');
    f.platform.answerNextTouchId('confirmed');
    const outcome = await credentialProcess('tools');
    expect(outcome).toEqual({
      code: 0,
      stdout: `${JSON.stringify({ Version: 1, AccessKeyId: alice.accessKeyId, SecretAccessKey: alice.secretAccessKey })}\n`,
      stderr: '',
    });
    expect(f.platform.touchIdReasons).toEqual([
      'give your long-term key “tools” to a command (AWS CLI or SDK)',
    ]);
  });

  it('is not handed out when Touch ID is refused: one line says why, nothing on stdout', async () => {
    const alice = await keepKeyOf(f, 'alice', 'tools');
    await setUp('tools', '--mode', 'long-term');
    f.platform.answerNextTouchId('refused');
    const outcome = await credentialProcess('tools');
    expectOneLineError(
      outcome,
      1,
      /Touch ID was not confirmed, so Keyward did not hand out the long-term key "tools"\. Run the command again/,
    );
    expect(outcome.stderr).not.toContain(alice.secretAccessKey);
  });

  it('is handed out without asking when “Ask for Touch ID” is off', async () => {
    await keepKeyOf(f, 'alice', 'tools');
    await setUp('tools', '--mode', 'long-term');
    await f.core.settings.update({ askTouchId: false });
    const outcome = await credentialProcess('tools');
    expect(outcome.code).toBe(0);
    expect(f.platform.touchIdReasons).toEqual([]);
  });

  it('session mode asks nothing: the session ends by itself', async () => {
    await keepKeyOf(f, 'alice', 'work');
    await setUp('work', '--duration', '15m');
    const made = await credentialProcess('work');
    expect(made.stderr).toBe('');
    expect(JSON.parse(made.stdout)).toMatchObject({
      AccessKeyId: expect.stringMatching(/^ASIA/) as string,
    });
    const reused = await credentialProcess('work');
    expect(reused.stdout).toBe(made.stdout);
    expect(f.platform.touchIdReasons).toEqual([]);
  });
});

describe('keyward exec --long-term on a Mac with Touch ID', () => {
  it('runs nothing when Touch ID is refused, and asks nothing for a session', async () => {
    await keepKeyOf(f, 'alice', 'tools');
    f.platform.answerNextTouchId('refused');
    const marker = `${env['HOME'] ?? ''}/ran`;
    const refused = await asPackagedMacApp([
      ...['exec', '--profile', 'tools', '--long-term', '--', 'touch', marker],
    ]);
    expectOneLineError(refused, 1, /Touch ID was not confirmed/);
    expect(existsSync(marker)).toBe(false);

    const session = await asPackagedMacApp(['exec', '--profile', 'tools', '--', 'touch', marker]);
    expect(session.code).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(f.platform.touchIdReasons).toEqual([
      'give your long-term key “tools” to a command (AWS CLI or SDK)',
    ]);
  });
});
