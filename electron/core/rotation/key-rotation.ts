import type { RotationResult, RollbackResult, RotationStatus } from '../../common/domain';
import { AppError } from '../errors';
import { describeError, log } from '../log';
import { checkKeptProfileName } from '../vault/profile-store';
import { goForward, startRotation } from './rotation-forward';
import type { RotateOptions } from './rotation-forward';
import { stopReport } from './rotation-report';
import { rollBack } from './rotation-rollback';
import { RotationRun } from './rotation-run';
import type { RotationDeps, RotationProgress } from './rotation-run';
import type { RotationInProgress } from './rotation-state';

export type { RotateOptions } from './rotation-forward';
export type { FollowingSession, RotationDeps, RotationProgress } from './rotation-run';

/** Who follows one run's progress (the command line prints each step; tests stop at any). */
export interface RotationWatch {
  onProgress?: (event: RotationProgress) => void | Promise<void>;
}

/**
 * Rotation that cannot lock anyone out: create the new key (journaled) → keep it in a staging
 * keychain entry → prove it with STS, signed by the new key → switch the profile to it (the old
 * secret is kept until the end, for rolling back) → deactivate the old key → delete it now, or
 * after a grace period. IAM calls are signed by the profile's own long-term key: the old one
 * until the switch, the new one after, on a session of the run's own that is always signed out.
 *
 * Resuming does not trust the record blindly: it looks at the keychain and at AWS and carries on
 * from what it finds, so a crash between any two writes is recoverable.
 */
export class KeyRotation {
  readonly #deps: RotationDeps;
  /** Profiles this process is rotating right now. */
  readonly #running = new Set<string>();

  constructor(deps: RotationDeps) {
    this.#deps = deps;
  }

  async status(profile: string): Promise<RotationStatus> {
    checkKeptProfileName(profile);
    const record = await this.#deps.states.read(profile);
    if (!record) return { state: 'none' };
    if (record.phase === 'retired') {
      return { state: 'retired', accessKeyId: record.accessKeyId, deleteAfter: record.deleteAfter };
    }
    return {
      state: 'unfinished',
      step: record.step,
      oldKeyId: record.oldKeyId,
      newKeyId: record.newKeyId,
      startedAt: record.startedAt,
    };
  }

  async rotate(
    profile: string,
    options: RotateOptions,
    watch: RotationWatch = {},
  ): Promise<RotationResult> {
    checkKeptProfileName(profile);
    if (!Number.isInteger(options.graceDays) || options.graceDays < 0 || options.graceDays > 365) {
      throw new AppError(
        'invalid-input',
        'The grace period must be a whole number of days from 0 to 365.',
        'Use 0 to delete the old key at once, or the number of days to keep it inactive.',
      );
    }
    return this.#run(profile, watch, async (run) => {
      const { state, removedKeyIds } = await startRotation(run, profile, options);
      return this.#forward(run, state, removedKeyIds);
    });
  }

  async resume(profile: string, watch: RotationWatch = {}): Promise<RotationResult> {
    checkKeptProfileName(profile);
    return this.#run(profile, watch, async (run) => {
      const state = await this.#requireUnfinished(profile);
      log('rotation', `${profile}: resuming after ${state.step}`);
      return this.#forward(run, state, []);
    });
  }

  async rollback(profile: string, watch: RotationWatch = {}): Promise<RollbackResult> {
    checkKeptProfileName(profile);
    return this.#run(profile, watch, async (run) => {
      const state = await this.#requireUnfinished(profile);
      log('rotation', `${profile}: rolling back after ${state.step}`);
      try {
        return await rollBack(run, state);
      } catch (error) {
        throw await stopReport(run, state, 'rollback', error);
      }
    });
  }

  /**
   * Deletes the old keys whose grace period has passed (the window calls this at start; a
   * rotation also deletes its profile's old key first). A key someone made active again is left
   * alone. Returns the deleted key ids; a profile that fails is logged and skipped.
   */
  async deleteRetiredKeys(now = Date.now()): Promise<string[]> {
    const { states } = this.#deps;
    const deleted: string[] = [];
    for (const record of await states.list()) {
      if (record.phase !== 'retired' || Date.parse(record.deleteAfter) > now) continue;
      try {
        await this.#run(record.profile, {}, async (run) => {
          if ((await states.read(record.profile))?.phase !== 'retired') return;
          const userName = await run.signIn(record.profile);
          const keys = await run.listKeys(userName);
          const old = keys.find((key) => key.accessKeyId === record.accessKeyId);
          if (old && old.status !== 'Active') {
            await run.deleteKey(userName, old.accessKeyId);
            deleted.push(old.accessKeyId);
          }
          await states.remove(record.profile);
        });
      } catch (error) {
        log('rotation', `${record.profile}: old key not deleted yet: ${describeError(error)}`);
      }
    }
    return deleted;
  }

  async #forward(run: RotationRun, state: RotationInProgress, removedKeyIds: string[]) {
    try {
      return await goForward(run, state, removedKeyIds);
    } catch (error) {
      throw await stopReport(run, state, 'rotate', error);
    }
  }

  /** One run at a time per profile (across processes), on a session that is signed out after. */
  async #run<T>(
    profile: string,
    watch: RotationWatch,
    work: (run: RotationRun) => Promise<T>,
  ): Promise<T> {
    const release = await this.#deps.states.lock(profile);
    const session = this.#deps.openSession();
    this.#running.add(profile);
    try {
      return await work(new RotationRun(this.#deps, session, watch.onProgress));
    } finally {
      this.#running.delete(profile);
      session.close();
      await release();
    }
  }

  /** Whether this process is rotating a key now (quitting or restarting would stop it half-way). */
  isRunning(): boolean {
    return this.#running.size > 0;
  }

  /** Profiles whose rotation stopped part-way and is not running here: they need the person. */
  async stopped(): Promise<string[]> {
    const records = await this.#deps.states.list();
    return records
      .filter((record) => record.phase === 'in-progress' && !this.#running.has(record.profile))
      .map((record) => record.profile);
  }

  async #requireUnfinished(profile: string): Promise<RotationInProgress> {
    const state = await this.#deps.states.read(profile);
    if (state?.phase !== 'in-progress') {
      throw new AppError(
        'not-found',
        `There is no unfinished rotation of "${profile}".`,
        'Start a new rotation instead.',
      );
    }
    return state;
  }
}

export type { RotationResult, RollbackResult, RotationStatus };
