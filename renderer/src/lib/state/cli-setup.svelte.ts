import { createContext } from 'svelte';
import type { CredentialMode, CredentialUse } from '../../../../electron/common/credential-use';
import {
  defaultSessionSeconds,
  describeDuration,
  maxSessionSeconds,
  mfaSerialPattern,
  minSessionSeconds,
} from '../../../../electron/common/credential-use';
import type {
  CliRemoveResult,
  CliSetupResult,
  MfaDeviceLookup,
} from '../../../../electron/common/domain';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { InputOf } from '../../../../electron/common/contract';
import { call } from '../api';
import type { Announcer } from './announcer.svelte';
import { PerProfile } from './per-profile.svelte';
import { Task } from './task.svelte';

/** AWS's region names: "eu-west-1", "us-gov-west-1" (main checks the same shape again). */
export const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function regionProblem(region: string): string | null {
  if (region === '' || regionPattern.test(region)) return null;
  return 'That is not an AWS region name. Use one such as us-east-1 or eu-west-1, or leave it empty.';
}

/** How the key is to be handed out, as `cli.setup` takes it (mode, length, device). */
export type UseRequest = Omit<InputOf<'cli.setup'>, 'profile' | 'region'>;

/** Session lengths offered: 15 minutes to a working day, as `keyward cli setup --duration`. */
const offeredSeconds = [900, 1_800, 3_600, 7_200, 14_400, 28_800, 43_200];

/** The lengths to choose from, with `current` among them when it is one set another way. */
export function durationChoices(current: number): { seconds: number; label: string }[] {
  const inRange = current >= minSessionSeconds && current <= maxSessionSeconds;
  const seconds =
    offeredSeconds.includes(current) || !inRange
      ? offeredSeconds
      : [...offeredSeconds, current].sort((a, b) => a - b);
  return seconds.map((value) => ({ seconds: value, label: describeDuration(value) }));
}

/**
 * The set-up dialog's choice: short-lived sessions (the default for a new set-up) or the long-term
 * key; for sessions, their length and the MFA device, offered as found on the key's own user.
 */
export class UseChoice {
  mode = $state<CredentialMode>('session');
  durationSeconds = $state(defaultSessionSeconds);
  /** The device's ARN as typed or offered; empty for sessions without a code. */
  mfaSerial = $state('');
  /** Looking up the MFA device of the key's own user. */
  readonly device = new Task<MfaDeviceLookup>();
  readonly durations = $derived(durationChoices(this.durationSeconds));
  readonly mfaProblem = $derived(
    this.mode === 'session' &&
      this.mfaSerial.trim() !== '' &&
      !mfaSerialPattern.test(this.mfaSerial.trim())
      ? 'That is not an MFA device’s ARN. It looks like arn:aws:iam::123456789012:mfa/alice: copy it from the AWS console (IAM → your user → Security credentials), or leave this empty.'
      : null,
  );
  /** What the look-up found, in one line; empty before it starts. */
  readonly deviceNote = $derived(this.#deviceNote());
  readonly #profile: string;
  readonly #api: KeywardApi;
  #modeChosen = false;

  constructor(profile: string, api: KeywardApi) {
    this.#profile = profile;
    this.#api = api;
  }

  /**
   * Starts from the key's way for a set-up the AWS CLI already has, else from sessions (a new
   * set-up), and looks the user's MFA device up to offer it.
   */
  start = async (current: CredentialUse): Promise<void> => {
    const api = this.#api;
    const name = this.#profile;
    this.#modeChosen = false;
    this.mode = 'session';
    this.durationSeconds = current.durationSeconds;
    this.mfaSerial = current.mfaSerial ?? '';
    const [status, found] = await Promise.all([
      call(() => api.cli.status({ profile: name })),
      this.device.run(() => api.profiles.mfaDevice({ name })),
    ]);
    const alreadySetUp = status.ok && status.value.state === 'keyward';
    // The person may have chosen while main answered: that choice stands.
    if (alreadySetUp && !this.#chosenByPerson()) this.mode = current.mode;
    if (found.ok && found.latest && found.value.found === 'one' && this.mfaSerial.trim() === '') {
      this.mfaSerial = found.value.serialNumber;
    }
  };

  #chosenByPerson(): boolean {
    return this.#modeChosen;
  }

  choose = (mode: CredentialMode): void => {
    this.#modeChosen = true;
    this.mode = mode;
  };

  /**
   * What `cli.setup` is asked for. While the look-up is under way, an empty device is left out so
   * main looks it up itself; after it, empty means sessions without a code.
   */
  request = (): UseRequest => {
    if (this.mode === 'long-term') return { mode: 'long-term' };
    const typed = this.mfaSerial.trim();
    const request: UseRequest = { mode: 'session', durationSeconds: this.durationSeconds };
    if (typed !== '' || !this.device.busy) request.mfaSerial = typed === '' ? null : typed;
    return request;
  };

  #deviceNote(): string {
    const { device } = this;
    if (device.busy) return 'Looking for the MFA device of your AWS user…';
    if (device.error) return `Keyward could not look for your MFA device: ${device.error.message}`;
    const found = device.value;
    switch (found?.found) {
      case undefined:
        return '';
      case 'one':
        return found.serialNumber === this.mfaSerial.trim()
          ? 'Keyward found this device on your AWS user.'
          : `The MFA device on your AWS user is ${found.serialNumber}.`;
      case 'none':
        return 'Your AWS user has no MFA device, so sessions start without a code.';
      case 'not-allowed':
        return 'This key may not look up its MFA device. If your AWS policies require MFA, paste the device’s ARN here.';
      case 'several':
        return `Your AWS user has ${String(found.serialNumbers.length)} MFA devices: ${found.serialNumbers.join(', ')}. Paste the one to use.`;
    }
  }
}

/**
 * Making `aws --profile NAME` use one kept key: main adds a `credential_process` line for it to
 * the AWS config file, so the command line asks Keyward, and Keyward reads the keychain. No
 * secret is ever written to a file.
 */
export class CliProfile {
  readonly profile: string;
  /** Setting up or removing, and why the last of them failed. */
  readonly task = new Task<unknown, 'setup' | 'remove'>();
  /** How the key is to be handed out, chosen in the set-up dialog. */
  readonly choice: UseChoice;
  /** Forgetting the key's cached sessions (its card's "Forget sessions"). */
  readonly forgetting = new Task<{ cleared: boolean }>();
  /** What forgetting did, in words; null before it is done (or when it failed). */
  forgotten = $state<string | null>(null);
  /** Whether the AWS config points this profile at Keyward; null until asked. */
  setUp = $state<boolean | null>(null);
  /** The last thing done in this session: set up, or removed. */
  done = $state.raw<
    { kind: 'setup'; result: CliSetupResult } | { kind: 'remove'; result: CliRemoveResult } | null
  >(null);
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;

  constructor(profile: string, api: KeywardApi, announcer: Announcer) {
    this.profile = profile;
    this.#api = api;
    this.#announcer = announcer;
    this.choice = new UseChoice(profile, api);
  }

  /** Asks main whether the AWS config uses Keyward for this profile (the key's card shows it). */
  refreshSetUp = async (): Promise<void> => {
    const answer = await call(() => this.#api.cli.status({ profile: this.profile }));
    if (answer.ok) this.setUp = answer.value.state === 'keyward';
  };

  /** The command that shows the set-up works: AWS answers with whose key it is. */
  get exampleCommand(): string {
    return `aws sts get-caller-identity --profile ${this.profile}`;
  }

  /** `use` absent: main decides, as `keyward cli setup` without options (sessions). */
  setup = async (region: string | null, use?: UseRequest): Promise<boolean> => {
    const { profile } = this;
    const answer = await this.task.run(() => this.#api.cli.setup({ profile, region, ...use }), {
      about: 'setup',
    });
    if (!answer.ok) return false;
    this.done = { kind: 'setup', result: answer.value };
    this.setUp = true;
    this.#announcer.say(
      answer.value.changed
        ? `The AWS command line can now use “${profile}”.`
        : `The AWS command line was already set up for “${profile}”. Nothing changed.`,
    );
    return true;
  };

  forgetSessions = async (): Promise<void> => {
    const { profile } = this;
    this.forgotten = null;
    const answer = await this.forgetting.run(() => this.#api.sessions.clear({ profile }));
    if (!answer.ok || !answer.latest) return;
    this.forgotten = answer.value.cleared
      ? `Forgot the sessions of “${profile}”. The next AWS command starts a new one.`
      : `“${profile}” had no session to forget.`;
    this.#announcer.say(this.forgotten);
  };

  remove = async (): Promise<boolean> => {
    const { profile } = this;
    const answer = await this.task.run(() => this.#api.cli.remove({ profile }), {
      about: 'remove',
    });
    if (!answer.ok) return false;
    this.done = { kind: 'remove', result: answer.value };
    this.setUp = false;
    this.#announcer.say(
      answer.value.removed
        ? `Removed “${profile}” from the AWS command line’s settings.`
        : `The AWS command line’s settings had nothing of Keyward’s for “${profile}”.`,
    );
    return true;
  };
}

/** One CliProfile per kept key for the whole window, so a result stays while the window is open. */
export class CliSetups extends PerProfile<CliProfile> {
  /** Keyward's own region, offered as the command line's default. */
  defaultRegion = $state('');
  readonly #api: KeywardApi;

  constructor(api: KeywardApi, announcer: Announcer) {
    super((profile) => new CliProfile(profile, api, announcer));
    this.#api = api;
  }

  loadDefaultRegion = async (): Promise<void> => {
    const answer = await call(() => this.#api.settings.get());
    if (answer.ok) this.defaultRegion = answer.value.region;
  };
}

export const [getCliSetups, setCliSetups] = createContext<CliSetups>();
