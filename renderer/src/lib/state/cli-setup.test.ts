import { describe, expect, it, vi } from 'vitest';
import type { CredentialUse } from '../../../../electron/common/credential-use';
import type {
  CliRemoveResult,
  CliSetupResult,
  MfaDeviceLookup,
} from '../../../../electron/common/domain';
import type { Result } from '../../../../electron/common/result';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { Announcer } from './announcer.svelte';
import { useInBrief, useSentence } from '../../../../electron/common/credential-use';
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
  it('knows whether the AWS config uses the key, and follows a set-up and a removal', async () => {
    const { api } = fakeApi({
      cli: {
        status: () => Promise.resolve(ok({ state: 'absent' as const })),
        setup: () => Promise.resolve(ok(setUp)),
        remove: () => Promise.resolve(ok(removed)),
      },
    });
    const cli = new CliSetups(api, new Announcer()).of('work');
    expect(cli.setUp).toBeNull();
    await cli.refreshSetUp();
    expect(cli.setUp).toBe(false);
    await cli.setup(null);
    expect(cli.setUp).toBe(true);
    await cli.remove();
    expect(cli.setUp).toBe(false);
  });

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

const serial = 'arn:aws:iam::123456789012:mfa/alice';
const legacy: CredentialUse = { mode: 'long-term', durationSeconds: 3600, mfaSerial: null };

/** A set-up whose AWS CLI state and MFA device main answers as given. */
function setupWith(answers: {
  state?: 'keyward' | 'other' | 'absent';
  device?: () => Promise<Result<MfaDeviceLookup>>;
  setup?: () => Promise<Result<CliSetupResult>>;
}) {
  const { api, calls } = fakeApi({
    cli: {
      status: () => Promise.resolve(ok({ state: answers.state ?? 'absent' })),
      setup: answers.setup ?? (() => Promise.resolve(ok(setUp))),
    },
    profiles: {
      mfaDevice: answers.device ?? (() => Promise.resolve(ok({ found: 'none' as const }))),
    },
  });
  return { cli: new CliSetups(api, new Announcer()).of('work'), calls };
}

describe('choosing how the AWS command line gets the key', () => {
  it('starts a new set-up with one-hour sessions and the MFA device found on the user', async () => {
    const { cli, calls } = setupWith({
      device: () => Promise.resolve(ok({ found: 'one' as const, serialNumber: serial })),
    });
    await cli.choice.start(legacy);
    expect(cli.choice.mode).toBe('session');
    expect(cli.choice.durationSeconds).toBe(3600);
    expect(cli.choice.mfaSerial).toBe(serial);
    expect(cli.choice.deviceNote).toBe('Keyward found this device on your AWS user.');
    await cli.setup('eu-west-1', cli.choice.request());
    expect(calls.find((call) => call.method === 'cli.setup')?.input).toEqual({
      profile: 'work',
      region: 'eu-west-1',
      mode: 'session',
      durationSeconds: 3600,
      mfaSerial: serial,
    });
  });

  it('keeps the long-term key when the AWS CLI already gets the key that way', async () => {
    const { cli } = setupWith({ state: 'keyward' });
    await cli.choice.start(legacy);
    expect(cli.choice.mode).toBe('long-term');
    expect(cli.choice.request()).toEqual({ mode: 'long-term' });
  });

  it('keeps what the person chose while main was still answering', async () => {
    const { cli } = setupWith({ state: 'keyward' });
    const starting = cli.choice.start(legacy);
    cli.choice.choose('session');
    await starting;
    expect(cli.choice.mode).toBe('session');
  });

  it('sets up 15-minute sessions without a code when the device field is emptied', async () => {
    const { cli } = setupWith({
      device: () => Promise.resolve(ok({ found: 'one' as const, serialNumber: serial })),
    });
    await cli.choice.start(legacy);
    cli.choice.durationSeconds = 900;
    cli.choice.mfaSerial = '  ';
    expect(cli.choice.request()).toEqual({
      mode: 'session',
      durationSeconds: 900,
      mfaSerial: null,
    });
  });

  it('starts from the key’s own sessions: its length and device', async () => {
    const other = 'arn:aws:iam::123456789012:mfa/work-phone';
    const { cli } = setupWith({
      state: 'keyward',
      device: () => Promise.resolve(ok({ found: 'one' as const, serialNumber: serial })),
    });
    await cli.choice.start({ mode: 'session', durationSeconds: 5400, mfaSerial: other });
    expect(cli.choice.mode).toBe('session');
    expect(cli.choice.durationSeconds).toBe(5400);
    expect(cli.choice.mfaSerial).toBe(other);
    expect(cli.choice.durations.map((choice) => choice.label)).toEqual([
      '15 minutes',
      '30 minutes',
      '1 hour',
      '90 minutes',
      '2 hours',
      '4 hours',
      '8 hours',
      '12 hours',
    ]);
  });

  it('lets main look the device up when the look-up has not answered yet', async () => {
    const lookup = later<MfaDeviceLookup>();
    const { cli } = setupWith({ device: () => lookup.promise });
    void cli.choice.start(legacy);
    await Promise.resolve();
    expect(cli.choice.deviceNote).toBe('Looking for the MFA device of your AWS user…');
    expect(cli.choice.request()).toEqual({ mode: 'session', durationSeconds: 3600 });
  });

  it('says what the look-up found, in one line', async () => {
    const note = async (answer: () => Promise<Result<MfaDeviceLookup>>) => {
      const { cli } = setupWith({ device: answer });
      await cli.choice.start(legacy);
      return cli.choice.deviceNote;
    };
    expect(await note(() => Promise.resolve(ok({ found: 'none' as const })))).toBe(
      'Your AWS user has no MFA device, so sessions start without a code.',
    );
    expect(await note(() => Promise.resolve(ok({ found: 'not-allowed' as const })))).toBe(
      'This key may not look up its MFA device. If your AWS policies require MFA, paste the device’s ARN here.',
    );
    expect(
      await note(() =>
        Promise.resolve(
          ok({ found: 'several' as const, serialNumbers: [serial, `${serial}-backup`] }),
        ),
      ),
    ).toBe(`Your AWS user has 2 MFA devices: ${serial}, ${serial}-backup. Paste the one to use.`);
    expect(await note(() => refused('network', 'AWS could not be reached.'))).toBe(
      'Keyward could not look for your MFA device: AWS could not be reached.',
    );
  });

  it('explains a device that is not an MFA device’s ARN', async () => {
    const { cli } = setupWith({});
    await cli.choice.start(legacy);
    expect(cli.choice.mfaProblem).toBeNull();
    cli.choice.mfaSerial = 'my phone';
    expect(cli.choice.mfaProblem).toMatch(/not an MFA device’s ARN/);
    cli.choice.choose('long-term');
    expect(cli.choice.mfaProblem).toBeNull();
  });
});

describe('the way a key is handed out, in a few words for its card', () => {
  it('names the session length and whether a code is asked, or the long-term key', () => {
    expect(useInBrief({ mode: 'session', durationSeconds: 3600, mfaSerial: serial })).toBe(
      '1-hour sessions, MFA',
    );
    expect(useInBrief({ mode: 'session', durationSeconds: 900, mfaSerial: null })).toBe(
      '15-minute sessions',
    );
    expect(useInBrief({ mode: 'session', durationSeconds: 43_200, mfaSerial: null })).toBe(
      '12-hour sessions',
    );
    expect(useInBrief(legacy)).toBe('long-term key');
  });

  it('says it in a sentence once the AWS command line is set up', () => {
    expect(useSentence({ mode: 'session', durationSeconds: 900, mfaSerial: serial })).toBe(
      `Sessions of 15 minutes, which end by themselves; the key itself stays in the keychain. Each new one asks for a code from ${serial}.`,
    );
    expect(useSentence(legacy)).toBe('The long-term key itself, which never expires by itself.');
  });
});

describe('forgetting a key’s sessions', () => {
  it('says it forgot them, or that there were none', async () => {
    let cleared = true;
    const { api, calls } = fakeApi({
      sessions: { clear: () => Promise.resolve(ok({ cleared })) },
    });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const cli = new CliSetups(api, announcer).of('work');
    await cli.forgetSessions();
    expect(calls).toEqual([{ method: 'sessions.clear', input: { profile: 'work' } }]);
    expect(cli.forgotten).toBe(
      'Forgot the sessions of “work”. The next AWS command starts a new one.',
    );
    expect(said).toHaveBeenLastCalledWith(cli.forgotten);
    cleared = false;
    await cli.forgetSessions();
    expect(cli.forgotten).toBe('“work” had no session to forget.');
  });

  it('says why it could not', async () => {
    const { api } = fakeApi({
      sessions: { clear: () => refused('vault-unavailable', 'The keychain is locked.') },
    });
    const cli = new CliSetups(api, new Announcer()).of('work');
    await cli.forgetSessions();
    expect(cli.forgetting.error?.message).toBe('The keychain is locked.');
    expect(cli.forgotten).toBeNull();
  });
});
