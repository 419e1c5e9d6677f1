import { describe, expect, it, vi } from 'vitest';
import type { CliRemoveResult, CliSetupResult } from '../../../../electron/common/domain';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { Announcer } from './announcer.svelte';
import { CliSetups, regionProblem } from './cli-setup.svelte';

const setUp: CliSetupResult = {
  profile: 'work',
  configFile: '/home/me/.aws/config',
  backupFile: '/home/me/.aws/config.keyward-backup',
  changed: true,
};
const removed: CliRemoveResult = {
  profile: 'work',
  configFile: '/home/me/.aws/config',
  backupFile: null,
  removed: true,
};

describe('using a kept key with the AWS command line', () => {
  it('sets it up, says so, and shows what changed', async () => {
    const answer = later<CliSetupResult>();
    const { api, calls } = fakeApi({ cli: { setup: () => answer.promise } });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const cli = new CliSetups(api, announcer).of('work');
    const running = cli.setup('eu-west-1');
    expect(cli.task.doing).toBe('setup');
    answer.answer(setUp);
    expect(await running).toBe(true);
    expect(cli.task.busy).toBe(false);
    expect(cli.done).toEqual({ kind: 'setup', result: setUp });
    expect(calls[0]).toEqual({
      method: 'cli.setup',
      input: { profile: 'work', region: 'eu-west-1' },
    });
    expect(said).toHaveBeenLastCalledWith('The AWS command line can now use “work”.');
    expect(cli.exampleCommand).toBe('aws sts get-caller-identity --profile work');
  });

  it('says why the set-up failed, and clears it when removing instead', async () => {
    const { api } = fakeApi({
      cli: {
        setup: () => refused('conflict', 'The file is odd.'),
        remove: () => Promise.resolve(ok(removed)),
      },
    });
    const cli = new CliSetups(api, new Announcer()).of('work');
    expect(await cli.setup(null)).toBe(false);
    expect(cli.task.error?.message).toBe('The file is odd.');
    expect(cli.done).toBeNull();
    expect(await cli.remove()).toBe(true);
    expect(cli.task.error).toBeNull();
    expect(cli.done).toEqual({ kind: 'remove', result: removed });
  });

  it('keeps one set-up per kept key for the whole window', () => {
    const { api } = fakeApi({});
    const setups = new CliSetups(api, new Announcer());
    expect(setups.of('work')).toBe(setups.of('work'));
    expect(setups.of('work')).not.toBe(setups.of('home'));
  });

  it('offers Keyward’s own region as the command line’s default', async () => {
    const { api } = fakeApi({
      settings: {
        get: () =>
          Promise.resolve(
            ok({ region: 'eu-north-1', endpoint: null, clipboardSeconds: 30, staleKeyDays: 90 }),
          ),
      },
    });
    const setups = new CliSetups(api, new Announcer());
    await setups.loadDefaultRegion();
    expect(setups.defaultRegion).toBe('eu-north-1');
  });

  it('explains a region name that is not one', () => {
    expect(regionProblem('eu-west-1')).toBeNull();
    expect(regionProblem('')).toBeNull();
    expect(regionProblem('Ireland')).toMatch(/not an AWS region name/);
  });
});
