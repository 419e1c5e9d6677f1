import type { BridgeError } from '../../../../electron/common/errors';
import type { Result } from '../../../../electron/common/result';
import { call } from '../api';

/** Main's answer to one run, and whether that run is still the latest of its task. */
export type Answer<T> = Result<T> & { readonly latest: boolean };

export interface RunOptions<About> {
  /** What this run is about, for a task that does several things ("unlocking", a key's id). */
  about?: About;
  /**
   * Refusals the caller answers in its own way (asking for an MFA code, showing the two-key
   * limit): they are not shown as this task's error.
   */
  handles?: (error: BridgeError) => boolean;
}

/**
 * One kind of thing the window asks main to do, and what a person sees of it: whether it is under
 * way (`busy`, and `doing` for a task that does several things), why it failed (`error`, the
 * bridge's plain words) and the last answer (`value`, kept while a new run is under way).
 *
 * A run started later supersedes an earlier one, and `reset` forgets everything: the answer of a
 * superseded run changes nothing here (its `latest` is false), so what is on screen always
 * belongs to what the person did last.
 */
export class Task<T = unknown, About = true> {
  /** What the latest run is (or was) about; the error, if any, is about it too. */
  about = $state.raw<About | null>(null);
  busy = $state(false);
  error = $state.raw<BridgeError | null>(null);
  value = $state.raw<T | null>(null);
  /** What is under way now, if anything. */
  readonly doing = $derived(this.busy ? this.about : null);
  #latest = 0;

  /**
   * Asks main with `request`. Work of several requests (pages of a list) asks `latest()` between
   * them, and stops once another run or `reset` has taken over.
   */
  run = async <R extends T>(
    request: (latest: () => boolean) => Promise<Result<R>>,
    options: RunOptions<About> = {},
  ): Promise<Answer<R>> => {
    const run = ++this.#latest;
    const isLatest = () => run === this.#latest;
    this.about = options.about ?? (true as About);
    this.busy = true;
    this.error = null;
    const answer = await call(() => request(isLatest));
    const latest = isLatest();
    if (latest) {
      this.busy = false;
      if (answer.ok) this.value = answer.value;
      else if (!options.handles?.(answer.error)) this.error = answer.error;
    }
    return { ...answer, latest };
  };

  /** Forgets the answer, the error and any run under way. */
  reset = (): void => {
    this.#latest++;
    this.about = null;
    this.busy = false;
    this.error = null;
    this.value = null;
  };
}
