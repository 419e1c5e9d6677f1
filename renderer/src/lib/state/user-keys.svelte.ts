import type { KeywardApi } from '../../../../electron/common/bridge';
import type { AccessKeySummary } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import type {
  OffboardExtra,
  OffboardPreview,
  OffboardStep,
} from '../../../../electron/common/offboard';
import type { Result } from '../../../../electron/common/result';
import { call } from '../api';
import { plural, shortKeyId } from '../format';
import type { Announcer } from './announcer.svelte';
import { Task } from './task.svelte';

export type KeyAction = 'activate' | 'deactivate' | 'delete';

export interface OffboardSummary {
  mode: 'deactivate' | 'delete';
  done: string[];
  unchanged: string[];
  failed: { accessKeyId: string; error: BridgeError }[];
  /** After the keys: console password, MFA devices, groups, the user (when asked). */
  steps: OffboardStep[];
  /** The IAM user itself is gone: there is nothing left to show for this person. */
  userDeleted: boolean;
}

/**
 * One person's access keys in AWS, and what can be done to them. Main refuses to switch off or
 * delete the key Keyward is signed in with unless the person confirmed the lock-out; once that
 * is done, the sign-in cannot work any more, so `onLockedOut` signs the window out.
 */
export class UserKeys {
  userName = $state<string | null>(null);
  keys = $state.raw<AccessKeySummary[]>([]);
  /** Reading the person's keys; `error` says why they could not be read. */
  readonly listing = new Task<AccessKeySummary[]>();
  /** Switching a key on or off, or deleting it; `about` says which key and what. */
  readonly acting = new Task<null, { accessKeyId: string; action: KeyAction }>();
  /** Offboarding the person; `value` says what happened to each key. */
  readonly offboarding = new Task<OffboardSummary>();
  /** What offboarding would act on, read when its dialog opens. */
  readonly offboardPreview = new Task<OffboardPreview>();
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;
  readonly #onLockedOut: () => Promise<void>;
  readonly #onUserDeleted: (userName: string) => void;

  constructor(
    api: KeywardApi,
    announcer: Announcer,
    onLockedOut: () => Promise<void>,
    onUserDeleted: (userName: string) => void = () => undefined,
  ) {
    this.#api = api;
    this.#announcer = announcer;
    this.#onLockedOut = onLockedOut;
    this.#onUserDeleted = onUserDeleted;
  }

  readonly activeCount = $derived(this.keys.filter((key) => key.status === 'Active').length);

  /** What is being done to this key now, if anything. */
  doingTo = (key: AccessKeySummary): KeyAction | null => {
    const doing = this.acting.doing;
    return doing?.accessKeyId === key.accessKeyId ? doing.action : null;
  };

  /** Why switching this key on or off failed, if it was the last key acted on. */
  errorOf = (key: AccessKeySummary): BridgeError | null =>
    this.acting.about?.accessKeyId === key.accessKeyId ? this.acting.error : null;

  /** Shows keys already known (e.g. from the two-key error) without asking AWS again. */
  seed = (userName: string, keys: AccessKeySummary[]): void => {
    this.#forget();
    this.userName = userName;
    this.keys = keys;
  };

  show = async (userName: string): Promise<void> => {
    this.#forget();
    this.userName = userName;
    this.keys = [];
    await this.refresh();
  };

  #forget(): void {
    this.listing.reset();
    this.acting.error = null;
    this.offboarding.reset();
    this.offboardPreview.reset();
  }

  /** Reads everything offboarding could remove, for its dialog to list before anything is done. */
  previewOffboarding = async (): Promise<void> => {
    const userName = this.userName;
    if (userName === null) return;
    await this.offboardPreview.run(() => this.#api.users.offboardPreview({ userName }));
  };

  refresh = async (): Promise<void> => {
    const userName = this.userName;
    if (userName === null) return;
    const answer = await this.listing.run(() => this.#api.keys.list({ userName }));
    if (answer.ok && answer.latest) this.keys = answer.value;
  };

  /**
   * Runs one change of one key; `change` updates the list once AWS made it, even when another key
   * was acted on meanwhile.
   */
  #act(
    key: AccessKeySummary,
    action: KeyAction,
    request: () => Promise<Result<null>>,
    change: () => void,
    handles?: () => boolean,
  ): Promise<Result<null>> {
    return this.acting.run(
      async () => {
        const answer = await request();
        if (answer.ok) {
          change();
          await this.#auditFollows(key.userName);
        }
        return answer;
      },
      { about: { accessKeyId: key.accessKeyId, action }, ...(handles ? { handles } : {}) },
    );
  }

  /**
   * A change made here reaches the last audit too (main reads the person's row again), so the
   * Audit screen does not offer to fix keys that changed or are gone.
   */
  async #auditFollows(userName: string): Promise<void> {
    await call(() => this.#api.audit.personChanged({ userName }));
  }

  /** `confirmLockOut`: the person read that this key is Keyward's own sign-in, and agreed. */
  setStatus = async (
    key: AccessKeySummary,
    status: 'Active' | 'Inactive',
    options: { confirmLockOut?: boolean } = {},
  ): Promise<boolean> => {
    const { userName, accessKeyId } = key;
    const answer = await this.#act(
      key,
      status === 'Active' ? 'activate' : 'deactivate',
      () =>
        this.#api.keys.setStatus({
          userName,
          accessKeyId,
          status,
          ...(options.confirmLockOut ? { confirmInUse: true } : {}),
        }),
      () => {
        this.keys = this.keys.map((k) => (k.accessKeyId === accessKeyId ? { ...k, status } : k));
      },
    );
    if (!answer.ok) return false;
    if (status === 'Inactive' && key.signedInKey) await this.#lockedOut(key, 'deactivated');
    else {
      this.#announcer.say(
        `Key ${shortKeyId(accessKeyId)} is now ${status === 'Active' ? 'active' : 'deactivated'}.`,
      );
    }
    return true;
  };

  /** The key Keyward was signed in with is off or gone: the sign-in ends, and the person hears why. */
  #lockedOut = async (key: AccessKeySummary, done: 'deactivated' | 'deleted'): Promise<void> => {
    await this.#onLockedOut();
    this.#announcer.say(
      `Key ${shortKeyId(key.accessKeyId)} was ${done}. Keyward was signed in with it, so it signed out. Sign in with another key or AWS profile to carry on.`,
    );
  };

  /** Sets (or, with an empty text, clears) a key's description. */
  describe = async (key: AccessKeySummary, description: string): Promise<Result<null>> => {
    const { userName, accessKeyId } = key;
    const answer = await call(() =>
      this.#api.keys.describe({ userName, accessKeyId, description }),
    );
    if (!answer.ok) return answer;
    const value = description === '' ? null : description;
    this.keys = this.keys.map((k) =>
      k.accessKeyId === accessKeyId ? { ...k, description: value } : k,
    );
    this.#announcer.say(
      value === null
        ? `The description of key ${shortKeyId(accessKeyId)} was removed.`
        : `Key ${shortKeyId(accessKeyId)} is now described as “${value}”.`,
    );
    return answer;
  };

  /**
   * The person confirmed in Keyward's own dialog, which says so when the key is Keyward's own
   * sign-in, so a key still in use may go too. A refusal is shown in that dialog.
   */
  delete = async (key: AccessKeySummary): Promise<Result<null>> => {
    const { userName, accessKeyId } = key;
    const answer = await this.#act(
      key,
      'delete',
      () => this.#api.keys.delete({ userName, accessKeyId, confirmInUse: true }),
      () => {
        this.keys = this.keys.filter((k) => k.accessKeyId !== accessKeyId);
      },
      () => true,
    );
    if (!answer.ok) return answer;
    if (key.signedInKey) await this.#lockedOut(key, 'deleted');
    else this.#announcer.say(`Key ${shortKeyId(accessKeyId)} was deleted.`);
    return answer;
  };

  /** The key Keyward is signed in with, when it is one of these. */
  get signedInKey(): AccessKeySummary | null {
    return this.keys.find((key) => key.signedInKey) ?? null;
  }

  /**
   * Offboarding: every key of the person, with a summary of each. Main does it
   * (electron/core/keys/offboard.ts, as `keyward users offboard` does): the key Keyward is signed
   * in with goes last, and only with `confirmLockOut` (main refuses it otherwise, and the summary
   * says why).
   */
  offboard = async (
    mode: 'deactivate' | 'delete',
    options: { confirmLockOut?: boolean; also?: OffboardExtra[] } = {},
  ): Promise<void> => {
    const userName = this.userName;
    if (userName === null) return;
    const also = options.also ?? [];
    const answer = await this.offboarding.run(async () => {
      const summary: OffboardSummary = {
        mode,
        done: [],
        unchanged: [],
        failed: [],
        steps: [],
        userDeleted: false,
      };
      const result = await call(() =>
        this.#api.users.offboard({
          userName,
          mode,
          ...(options.confirmLockOut ? { confirmLockOut: true } : {}),
          ...(also.length > 0 ? { also } : {}),
        }),
      );
      if (!result.ok) {
        // Nothing was done (the keys could not even be listed): each key shown failed for that.
        for (const key of this.keys) {
          summary.failed.push({ accessKeyId: key.accessKeyId, error: result.error });
        }
        return { ok: true, value: summary };
      }
      for (const key of result.value.keys) {
        if (key.outcome === 'failed') {
          summary.failed.push({ accessKeyId: key.accessKeyId, error: key.error });
        } else summary[key.outcome].push(key.accessKeyId);
      }
      summary.steps = result.value.steps;
      summary.userDeleted = result.value.steps.some(
        (step) => step.kind === 'user' && step.outcome === 'done',
      );
      return { ok: true, value: summary };
    });
    if (!answer.ok) return;
    const summary = answer.value;
    const lockedOut = this.keys.find((k) => k.signedInKey && summary.done.includes(k.accessKeyId));
    const verb = mode === 'delete' ? 'deleted' : 'deactivated';
    const stepsNotDone = summary.steps.filter((step) => step.outcome !== 'done').length;
    this.#announcer.say(
      summary.userDeleted
        ? `${userName} was deleted from AWS, with their keys and access.`
        : `${userName}: ${plural(summary.done.length, 'key')} ${verb}` +
            (summary.failed.length > 0 ? `, ${plural(summary.failed.length, 'key')} failed` : '') +
            (stepsNotDone > 0 ? `, ${plural(stepsNotDone, 'other step')} not done` : '') +
            '.',
    );
    await this.#auditFollows(userName);
    if (lockedOut) await this.#lockedOut(lockedOut, verb);
    else if (summary.userDeleted) {
      this.keys = [];
      this.#onUserDeleted(userName);
    } else await this.refresh();
  };
}
