import type { KeywardApi } from '../../../../electron/common/bridge';
import type { MyReceivingCode } from '../../../../electron/common/code-directory';
import type { Announcer } from './announcer.svelte';
import { Task } from './task.svelte';

/**
 * "Let my admin find my receiving code" on Receive: this computer's code published as a tag on the
 * person's own IAM user (with their consent, one press), or no longer; and the code's four check
 * words, which the person reads out when their admin asks.
 */
export class CodeSharing {
  /** This computer's code, its check words, and whether the signed-in person's user holds it. */
  readonly mine = new Task<MyReceivingCode>();
  /** Publishing or unpublishing, under way or failed. */
  readonly changing = new Task<unknown, 'sharing' | 'unsharing'>();
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;

  constructor(api: KeywardApi, announcer: Announcer) {
    this.#api = api;
    this.#announcer = announcer;
  }

  /** The four check words, once main answered. */
  get checkWords(): string[] | null {
    return this.mine.value?.fingerprint ?? null;
  }

  /** The IAM user the code goes on: the signed-in person; null when not signed in as one. */
  get userName(): string | null {
    return this.mine.value?.userName ?? null;
  }

  get shared(): boolean {
    return this.mine.value?.published === 'shared';
  }

  load = async (): Promise<void> => {
    await this.mine.run(() => this.#api.directory.mine());
  };

  /** Who the last answer was for (an ARN, null: nobody); undefined: ask again whoever it is. */
  #answeredFor: string | null | undefined = undefined;

  /**
   * Whether the code is shared depends on who is signed in: asks main again when that changed
   * since the last answer, or when `showing` began afresh (the person opened Receive again).
   */
  follow = (signedInAs: string | null): void => {
    if (signedInAs === this.#answeredFor) return;
    this.#answeredFor = signedInAs;
    void this.load();
  };

  /** Receive opened again: the next `follow` asks main whoever is signed in. */
  showing = (): void => {
    this.#answeredFor = undefined;
  };

  share = async (): Promise<void> => {
    const answer = await this.changing.run(() => this.#api.directory.publish(), {
      about: 'sharing',
    });
    if (!answer.ok || !answer.latest) return;
    this.#announcer.say(
      `Your receiving code is shared in AWS. Its check words are ${answer.value.fingerprint.join(' ')}.`,
    );
    await this.load();
  };

  unshare = async (): Promise<void> => {
    const answer = await this.changing.run(() => this.#api.directory.unpublish(), {
      about: 'unsharing',
    });
    if (!answer.ok || !answer.latest) return;
    this.#announcer.say('Your receiving code is no longer shared in AWS.');
    await this.load();
  };

  reset = (): void => {
    this.mine.reset();
    this.changing.reset();
  };
}
