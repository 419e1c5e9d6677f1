import { describe, expect, it } from 'vitest';
import { keyward } from '../../../testing/cli/cli-harness';
import { adminCliForEachTest, asAdmin, expectOneLineError } from '../../../testing/cli/cli-expect';

const { f, env: currentEnv } = adminCliForEachTest();

const descriptionOf = (user: string, key: string) =>
  f.sandbox.state.findUser(user)?.tags.find((tag) => tag.Key === key)?.Value;

/** `keyward keys describe --user alice …` as the admin: the door to the window's KeyAdmin.describeKey. */
const describeAlicesKey = (args: string[]) =>
  keyward(currentEnv(), ['keys', 'describe', '--user', 'alice', ...args, ...asAdmin]);

describe('keyward keys describe', () => {
  it('describes a key as the IAM console does, and an empty text removes the description', async () => {
    const alice = f.sandbox.credentialsFor('alice').accessKeyId;
    const key = ['keys', 'describe', '--user', 'alice', '--key', alice, ...asAdmin];
    const described = await keyward(currentEnv(), [...key, '--description', 'Build server']);
    expect(described.code).toBe(0);
    expect(described.stdout).toBe(`${alice} of alice is now described as "Build server".\n`);
    expect(descriptionOf('alice', alice)).toBe('Build server');
    const listed = await keyward(currentEnv(), ['keys', 'list', '--user', 'alice', ...asAdmin]);
    expect(listed.stdout).toContain('Build server');

    const removed = await keyward(currentEnv(), [...key, '--description', '']);
    expect(removed.stdout).toBe(`Removed the description of ${alice} of alice.\n`);
    expect(descriptionOf('alice', alice)).toBeUndefined();
    const activity = (await f.core.activity.read()).map((entry) => entry.action);
    expect(activity).toEqual(['key.described', 'key.described']);
  });

  it('refuses a key the person does not have (exit code 4), writing nothing', async () => {
    const bobs = f.sandbox.credentialsFor('bob').accessKeyId;
    const outcome = await describeAlicesKey(['--key', bobs, '--description', 'mine now']);
    expectOneLineError(
      outcome,
      4,
      /alice has no key AKIA\w+\. See alice’s keys with: keyward keys list --user alice/,
    );
    expect(descriptionOf('alice', bobs)).toBeUndefined();
    expect(f.sandbox.stats.calls('TagUser')).toBe(0);
  });

  it.each([
    [['--key', 'AKIA123', '--description', 'x'], /--key must be an access key id/],
    [['--key', 'AKIAAAAAAAAAAAAAAAAA'], /--description is required/],
  ])('%j is a usage error (exit code 2)', async (extra, message) => {
    const outcome = await describeAlicesKey(extra);
    expectOneLineError(outcome, 2, message);
  });

  it('explains a description AWS would not keep (exit code 2)', async () => {
    const alice = f.sandbox.credentialsFor('alice').accessKeyId;
    const outcome = await describeAlicesKey(['--key', alice, '--description', 'laptop; rm -rf']);
    expectOneLineError(outcome, 2, /cannot contain ";"/);
    expect(descriptionOf('alice', alice)).not.toBe('laptop; rm -rf');
  });
});
