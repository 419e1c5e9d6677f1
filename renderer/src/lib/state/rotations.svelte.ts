import { createContext } from 'svelte';
import type {
  AccessKeySummary,
  RollbackResult,
  RotationResult,
  RotationStatus,
} from '../../../../electron/common/domain';
import type { KeywardApi } from '../../../../electron/common/bridge';
import type { BridgeError } from '../../../../electron/common/errors';
import type { Result } from '../../../../electron/common/result';
import { call } from '../api';
import { dateText, shortKeyId } from '../format';
import type { Announcer } from './announcer.svelte';
import type { KeyChecks } from './key-checks.svelte';
import { PerProfile } from './per-profile.svelte';
import type { Session } from './session.svelte';
import type { StoredKeys } from './stored-keys.svelte';
import { Task } from './task.svelte';

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
  api: KeywardApi;
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
  /** Replacing, finishing or going back; `error` says why the last attempt did not start. */
  readonly work = new Task<unknown, 'rotate' | 'resume' | 'rollback'>();
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
    const answer = await call(() =>
      this.#helpers.api.keys.rotationStatus({ profile: this.profile }),
    );
    if (answer.ok) this.status = answer.value;
  };

  /** Forgets what the last dialog showed, before it opens again. */
  reset = (): void => {
    this.work.error = null;
    this.limit = null;
  };

  /**
   * Runs one step with main. Every refusal is handled here (after the kept key and the record
   * are read again), so the error shown says where things stand once it is shown.
   */
  #attempt<R>(
    about: 'rotate' | 'resume' | 'rollback',
    request: (api: KeywardApi, profile: string) => Promise<Result<R>>,
  ): Promise<Result<R>> {
    this.outcome = null;
    const { api } = this.#helpers;
    return this.work.run(() => request(api, this.profile), { about, handles: () => true });
  }

  rotate = async (graceDays: number, removeOtherKey: boolean): Promise<RotateEnd> => {
    const keptKeyId = this.#helpers.stored.profiles.find(
      (p) => p.name === this.profile,
    )?.accessKeyId;
    const answer = await this.#attempt('rotate', (api, profile) =>
      api.keys.rotate({ profile, graceDays, removeOtherKey }),
    );
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
    const answer = await this.#attempt('resume', (api, profile) =>
      api.keys.rotateResume({ profile }),
    );
    if (answer.ok) await this.#rotated(answer.value);
    else {
      await this.#afterwards();
      this.#failed(answer.error);
    }
  };

  rollback = async (): Promise<void> => {
    const answer = await this.#attempt('rollback', (api, profile) =>
      api.keys.rotateRollback({ profile }),
    );
    await this.#afterwards();
    if (!answer.ok) {
      this.#failed(answer.error);
      return;
    }
    this.stopped = null;
    this.outcome = { kind: 'rolled-back', result: answer.value };
    this.#helpers.checks.of(this.profile).reset();
    const deleted = answer.value.deletedKeyIds.map(shortKeyId).join(' and ');
    this.#helpers.announcer.say(
      `Went back to the old key ${shortKeyId(answer.value.keptKeyId)}.` +
        (deleted ? ` The new key ${deleted} was deleted.` : ''),
    );
  };

  async #rotated(result: RotationResult): Promise<void> {
    this.stopped = null;
    this.outcome = { kind: 'rotated', result };
    this.#helpers.checks.of(this.profile).reset();
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
      this.work.error = null;
      this.#helpers.announcer.say(`Replacing “${this.profile}” stopped part-way. Nothing is lost.`);
      return 'stopped';
    }
    this.work.error = error;
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
export class Rotations extends PerProfile<ProfileRotation> {
  constructor(helpers: Helpers) {
    super((profile) => new ProfileRotation(profile, helpers));
  }

  /** Reads every kept key's rotation record, so an unfinished one is offered at once. */
  loadAll = async (profiles: readonly string[]): Promise<void> => {
    await Promise.all(profiles.map((profile) => this.of(profile).loadStatus()));
  };
}

export const [getRotations, setRotations] = createContext<Rotations>();
