import type { AccessKeySummary } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';
import { plural, shortKeyId } from '../format';
import type { Announcer } from './announcer.svelte';

export type KeyAction = 'activate' | 'deactivate' | 'delete';

export interface OffboardSummary {
  mode: 'deactivate' | 'delete';
  done: string[];
  unchanged: string[];
  failed: { accessKeyId: string; error: BridgeError }[];
}

/**
 * One person's access keys in AWS, and what can be done to them. Main refuses to switch off or
 * delete the key Keyward is signed in with unless the person confirmed the lock-out; once that
 * is done, the sign-in cannot work any more, so `onLockedOut` signs the window out.
 */
export class UserKeys {
  userName = $state<string | null>(null);
  keys = $state.raw<AccessKeySummary[]>([]);
  loading = $state(false);
  error = $state.raw<BridgeError | null>(null);
  busy = $state.raw<{ accessKeyId: string; action: KeyAction } | null>(null);
  actionError = $state.raw<{ accessKeyId: string; error: BridgeError } | null>(null);
  offboarding = $state(false);
  offboardSummary = $state.raw<OffboardSummary | null>(null);
  readonly #announcer: Announcer;
  readonly #onLockedOut: () => Promise<void>;
  #generation = 0;

  constructor(announcer: Announcer, onLockedOut: () => Promise<void>) {
    this.#announcer = announcer;
    this.#onLockedOut = onLockedOut;
  }

  readonly activeCount = $derived(this.keys.filter((key) => key.status === 'Active').length);

  /** Shows keys already known (e.g. from the two-key error) without asking AWS again. */
  seed = (userName: string, keys: AccessKeySummary[]): void => {
    this.#generation++;
    this.userName = userName;
    this.keys = keys;
    this.error = null;
    this.actionError = null;
    this.offboardSummary = null;
  };

  show = async (userName: string): Promise<void> => {
    this.userName = userName;
    this.keys = [];
    this.offboardSummary = null;
    this.actionError = null;
    await this.refresh();
  };

  refresh = async (): Promise<void> => {
    const userName = this.userName;
    if (userName === null) return;
    const generation = ++this.#generation;
    this.loading = true;
    this.error = null;
    const answer = await call(() => api.keys.list({ userName }));
    if (generation !== this.#generation) return;
    this.loading = false;
    if (answer.ok) this.keys = answer.value;
    else this.error = answer.error;
  };

  /** `confirmLockOut`: the person read that this key is Keyward's own sign-in, and agreed. */
  setStatus = async (
    key: AccessKeySummary,
    status: 'Active' | 'Inactive',
    options: { confirmLockOut?: boolean } = {},
  ): Promise<boolean> => {
    this.busy = {
      accessKeyId: key.accessKeyId,
      action: status === 'Active' ? 'activate' : 'deactivate',
    };
    this.actionError = null;
    const answer = await call(() =>
      api.keys.setStatus({
        userName: key.userName,
        accessKeyId: key.accessKeyId,
        status,
        ...(options.confirmLockOut ? { confirmInUse: true } : {}),
      }),
    );
    this.busy = null;
    if (!answer.ok) {
      this.actionError = { accessKeyId: key.accessKeyId, error: answer.error };
      return false;
    }
    this.keys = this.keys.map((k) => (k.accessKeyId === key.accessKeyId ? { ...k, status } : k));
    if (status === 'Inactive' && key.signedInKey) await this.#lockedOut(key, 'deactivated');
    else {
      this.#announcer.say(
        `Key ${shortKeyId(key.accessKeyId)} is now ${status === 'Active' ? 'active' : 'deactivated'}.`,
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

  /** Sets (or, with an empty text, clears) a key's description; null when done, else why not. */
  describe = async (key: AccessKeySummary, description: string): Promise<BridgeError | null> => {
    const answer = await call(() =>
      api.keys.describe({ userName: key.userName, accessKeyId: key.accessKeyId, description }),
    );
    if (!answer.ok) return answer.error;
    const value = description === '' ? null : description;
    this.keys = this.keys.map((k) =>
      k.accessKeyId === key.accessKeyId ? { ...k, description: value } : k,
    );
    this.#announcer.say(
      value === null
        ? `The description of key ${shortKeyId(key.accessKeyId)} was removed.`
        : `Key ${shortKeyId(key.accessKeyId)} is now described as “${value}”.`,
    );
    return null;
  };

  /**
   * The person confirmed in Keyward's own dialog, which says so when the key is Keyward's own
   * sign-in, so a key still in use may go too.
   */
  delete = async (key: AccessKeySummary): Promise<BridgeError | null> => {
    this.busy = { accessKeyId: key.accessKeyId, action: 'delete' };
    this.actionError = null;
    const answer = await call(() =>
      api.keys.delete({ userName: key.userName, accessKeyId: key.accessKeyId, confirmInUse: true }),
    );
    this.busy = null;
    if (!answer.ok) return answer.error;
    this.keys = this.keys.filter((k) => k.accessKeyId !== key.accessKeyId);
    if (key.signedInKey) await this.#lockedOut(key, 'deleted');
    else this.#announcer.say(`Key ${shortKeyId(key.accessKeyId)} was deleted.`);
    return null;
  };

  /** The key Keyward is signed in with, when it is one of these. */
  get signedInKey(): AccessKeySummary | null {
    return this.keys.find((key) => key.signedInKey) ?? null;
  }

  /**
   * Offboarding: every key of the person, one after the other, with a summary of each. The key
   * Keyward is signed in with goes last, so the others are done while the sign-in still works,
   * and only with `confirmLockOut` (main refuses it otherwise, and the summary says why).
   */
  offboard = async (
    mode: 'deactivate' | 'delete',
    options: { confirmLockOut?: boolean } = {},
  ): Promise<void> => {
    const userName = this.userName;
    if (userName === null) return;
    this.offboarding = true;
    const summary: OffboardSummary = { mode, done: [], unchanged: [], failed: [] };
    const ordered = [...this.keys].sort((a, b) => Number(a.signedInKey) - Number(b.signedInKey));
    let lockedOut: AccessKeySummary | null = null;
    for (const key of ordered) {
      if (mode === 'deactivate' && key.status !== 'Active') {
        summary.unchanged.push(key.accessKeyId);
        continue;
      }
      // Any other key of a leaving person may go although still in use: that is the point.
      const confirmInUse = key.signedInKey ? options.confirmLockOut === true : true;
      const accessKeyId = key.accessKeyId;
      const answer =
        mode === 'delete'
          ? await call(() => api.keys.delete({ userName, accessKeyId, confirmInUse }))
          : await call(() =>
              api.keys.setStatus({ userName, accessKeyId, status: 'Inactive', confirmInUse }),
            );
      if (answer.ok) {
        summary.done.push(accessKeyId);
        if (key.signedInKey) lockedOut = key;
      } else summary.failed.push({ accessKeyId, error: answer.error });
    }
    this.offboarding = false;
    this.offboardSummary = summary;
    const verb = mode === 'delete' ? 'deleted' : 'deactivated';
    this.#announcer.say(
      `${userName}: ${plural(summary.done.length, 'key')} ${verb}` +
        (summary.failed.length > 0 ? `, ${plural(summary.failed.length, 'key')} failed.` : '.'),
    );
    if (lockedOut) await this.#lockedOut(lockedOut, verb);
    else await this.refresh();
  };
}
