import { createContext } from 'svelte';
import type { CliRemoveResult, CliSetupResult } from '../../../../electron/common/domain';
import type { KeywardApi } from '../../../../electron/common/bridge';
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

/**
 * Making `aws --profile NAME` use one kept key: main adds a `credential_process` line for it to
 * the AWS config file, so the command line asks Keyward, and Keyward reads the keychain. No
 * secret is ever written to a file.
 */
export class CliProfile {
  readonly profile: string;
  /** Setting up or removing, and why the last of them failed. */
  readonly task = new Task<unknown, 'setup' | 'remove'>();
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
  }

  /** The command that shows the set-up works: AWS answers with whose key it is. */
  get exampleCommand(): string {
    return `aws sts get-caller-identity --profile ${this.profile}`;
  }

  setup = async (region: string | null): Promise<boolean> => {
    const { profile } = this;
    const answer = await this.task.run(() => this.#api.cli.setup({ profile, region }), {
      about: 'setup',
    });
    if (!answer.ok) return false;
    this.done = { kind: 'setup', result: answer.value };
    this.#announcer.say(
      answer.value.changed
        ? `The AWS command line can now use “${profile}”.`
        : `The AWS command line was already set up for “${profile}”. Nothing changed.`,
    );
    return true;
  };

  remove = async (): Promise<boolean> => {
    const { profile } = this;
    const answer = await this.task.run(() => this.#api.cli.remove({ profile }), {
      about: 'remove',
    });
    if (!answer.ok) return false;
    this.done = { kind: 'remove', result: answer.value };
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
