import { createContext } from 'svelte';
import type {
  AccessKeySummary,
  RollbackResult,
  RotationResult,
  RotationStatus,
} from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import { api, call } from '../api';
import { dateText, shortKeyId } from '../format';
import type { Announcer } from './announcer.svelte';
import type { KeyChecks } from './key-checks.svelte';
import { PerProfile } from './per-profile.svelte';
import type { Session } from './session.svelte';
import type { StoredKeys } from './stored-keys.svelte';

/** The steps a person is told about, in order; main's record says how many are done. */
export const rotationSteps = [
  { id: 'create', label: 'Make a new key in AWS' },
  { id: 'stage', label: 'Keep the new key in this computer’s keychain' },
  { id: 'prove', label: 'Check with AWS that the new key works' },
  { id: 'switch', label: 'Switch to the new key' },
  { id: 'deactivate', label: 'Turn the old key off' },
  { id: 'delete-old', label: 'Delete the old key' },
] as const;

/** How many of `rotationSteps` are done after main's step (electron/core/rotation/rotation-state.ts). */
export function stepsDone(step: string): number {
  if (step === 'finish') return rotationSteps.length;
  const index = rotationSteps.findIndex((s) => s.id === step);
  return index === -1 ? 0 : index + 1;
}

export type RotationOutcome =
  { kind: 'rotated'; result: RotationResult } | { kind: 'rolled-back'; result: RollbackResult };

/** Why a rotation could not begin: the user already has two keys. */
export interface KeyLimit {
  keys: AccessKeySummary[];
  /** The key that is not the one kept under this name: the one to make room by removing. */
  other: AccessKeySummary | null;
}

export type RotateEnd = 'done' | 'limit' | 'stopped' | 'failed';

interface Helpers {
  announcer: Announcer;
  checks: KeyChecks;
  stored: StoredKeys;
  session: Session;
}

/**
 * Replacing one kept key. Main signs in to AWS with that key itself, on a session of its own (the
 * window's sign-in is untouched), and records each step, so a rotation that stopped can be
 * finished or undone later.
 */
export class ProfileRotation {
  readonly profile: string;
  status = $state.raw<RotationStatus | null>(null);
  busy = $state<'rotate' | 'resume' | 'rollback' | null>(null);
  /** Why the last attempt did not start (shown where it was asked for). */
  error = $state.raw<BridgeError | null>(null);
  /** Why the unfinished rotation stopped, when it stopped in this session. */
  stopped = $state.raw<BridgeError | null>(null);
  limit = $state.raw<KeyLimit | null>(null);
  outcome = $state.raw<RotationOutcome | null>(null);
  readonly #helpers: Helpers;

  constructor(profile: string, helpers: Helpers) {
    this.profile = profile;
    this.#helpers = helpers;
  }

  readonly unfinished = $derived(this.status?.state === 'unfinished' ? this.status : null);
  readonly retired = $derived(this.status?.state === 'retired' ? this.status : null);

  loadStatus = async (): Promise<void> => {
    const answer = await call(() => api.keys.rotationStatus({ profile: this.profile }));
    if (answer.ok) this.status = answer.value;
  };

  /** Forgets what the last dialog showed, before it opens again. */
  reset = (): void => {
    this.error = null;
    this.limit = null;
  };

  rotate = async (graceDays: number, removeOtherKey: boolean): Promise<RotateEnd> => {
    const profile = this.profile;
    const keptKeyId = this.#helpers.stored.profiles.find((p) => p.name === profile)?.accessKeyId;
    this.busy = 'rotate';
    this.error = null;
    this.outcome = null;
    const answer = await call(() => api.keys.rotate({ profile, graceDays, removeOtherKey }));
    this.busy = null;
    if (answer.ok) {
      this.limit = null;
      await this.#rotated(answer.value);
      return 'done';
    }
    await this.#afterwards();
    if (answer.error.code === 'key-limit') {
      const keys = answer.error.details?.existingKeys ?? [];
      this.limit = { keys, other: keys.find((key) => key.accessKeyId !== keptKeyId) ?? null };
      this.#helpers.announcer.say(
        'There is no room for a new key yet. Read what Keyward suggests.',
      );
      return 'limit';
    }
    return this.#failed(answer.error);
  };

  resume = async (): Promise<void> => {
    this.busy = 'resume';
    this.error = null;
    this.outcome = null;
    const answer = await call(() => api.keys.rotateResume({ profile: this.profile }));
    this.busy = null;
    if (answer.ok) await this.#rotated(answer.value);
    else {
      await this.#afterwards();
      this.#failed(answer.error);
    }
  };

  rollback = async (): Promise<void> => {
    this.busy = 'rollback';
    this.error = null;
    this.outcome = null;
    const answer = await call(() => api.keys.rotateRollback({ profile: this.profile }));
    this.busy = null;
    await this.#afterwards();
    if (!answer.ok) {
      this.#failed(answer.error);
      return;
    }
    this.stopped = null;
    this.outcome = { kind: 'rolled-back', result: answer.value };
    this.#helpers.checks.of(this.profile).forget();
    const deleted = answer.value.deletedKeyIds.map(shortKeyId).join(' and ');
    this.#helpers.announcer.say(
      `Went back to the old key ${shortKeyId(answer.value.keptKeyId)}.` +
        (deleted ? ` The new key ${deleted} was deleted.` : ''),
    );
  };

  async #rotated(result: RotationResult): Promise<void> {
    this.stopped = null;
    this.outcome = { kind: 'rotated', result };
    this.#helpers.checks.of(this.profile).forget();
    await this.#afterwards();
    const old =
      result.oldKey.state === 'deleted'
        ? 'The old key was deleted.'
        : `The old key is turned off until ${dateText(result.oldKey.deleteAfter)}.`;
    this.#helpers.announcer.say(
      `“${this.profile}” now uses the new key ${shortKeyId(result.newKeyId)}. ${old}`,
    );
  }

  /** A stop part-way leaves a record in main: then the card offers to finish or go back. */
  #failed(error: BridgeError): RotateEnd {
    if (this.unfinished) {
      this.stopped = error;
      this.error = null;
      this.#helpers.announcer.say(`Replacing “${this.profile}” stopped part-way. Nothing is lost.`);
      return 'stopped';
    }
    this.error = error;
    return 'failed';
  }

  /**
   * The kept key and the rotation record may both have changed, and so may the window's sign-in:
   * signed in with the key being replaced, it moved to the new one (electron/core/rotation).
   */
  async #afterwards(): Promise<void> {
    await Promise.all([
      this.#helpers.stored.load(),
      this.loadStatus(),
      this.#helpers.session.refresh(),
    ]);
  }
}

/** One ProfileRotation per kept key, for the whole window: a rotation outlives the screen. */
export class Rotations {
  readonly #byProfile: PerProfile<ProfileRotation>;

  constructor(helpers: Helpers) {
    this.#byProfile = new PerProfile((profile) => new ProfileRotation(profile, helpers));
  }

  of = (profile: string): ProfileRotation => this.#byProfile.of(profile);

  /** Reads every kept key's rotation record, so an unfinished one is offered at once. */
  loadAll = async (profiles: readonly string[]): Promise<void> => {
    await Promise.all(profiles.map((profile) => this.of(profile).loadStatus()));
  };
}

export const [getRotations, setRotations] = createContext<Rotations>();
