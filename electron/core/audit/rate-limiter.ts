export interface AdaptiveRateOptions {
  /** Requests per second before anything is known about the limit. */
  initialRate?: number;
  minRate?: number;
  maxRate?: number;
  /** Once AWS has pushed back, how many requests/second the rate regains per second. */
  increasePerSecond?: number;
  now?: () => number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** How long after a Throttling answer the UI still says "AWS asked us to slow down". */
const slowedDownMs = 5_000;
/** Answers counted to estimate the rate AWS actually admits. */
const windowMs = 2_000;

/**
 * A client-side token bucket whose rate follows what AWS allows, so a long run of requests goes
 * as fast as the account's limit and no faster.
 *
 * - Slow start: until the first Throttling answer the rate grows by one request/second per
 *   answer, roughly doubling every second, to find the limit quickly.
 * - Additive increase: afterwards it grows by `increasePerSecond` each second, to notice when
 *   the limit rises (another client stopped sharing it).
 * - Decrease to what was admitted: on Throttling the rate drops to just under the rate AWS
 *   answered over the last two seconds (never below half). A plain halving (classic AIMD) would
 *   average about three quarters of the limit; aiming at the measured limit keeps the run above
 *   nine tenths of it. Throttling answers within a second of a decrease are requests sent before
 *   it and do not count again.
 *
 * The rate only grows while callers are waiting for it: an idle or concurrency-bound run must not
 * talk itself into a rate it never tried.
 */
export class AdaptiveRateLimiter {
  readonly #minRate: number;
  readonly #maxRate: number;
  readonly #increasePerSecond: number;
  readonly #now: () => number;
  #rate: number;
  #tokens = 1;
  #refilledAt: number;
  #slowStart = true;
  #lastDecrease = Number.NEGATIVE_INFINITY;
  #lastThrottle = Number.NEGATIVE_INFINITY;
  #firstAnswer: number | null = null;
  readonly #answers: number[] = [];
  readonly #waiters: Waiter[] = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(options: AdaptiveRateOptions = {}) {
    this.#minRate = options.minRate ?? 0.5;
    this.#maxRate = options.maxRate ?? 500;
    this.#increasePerSecond = options.increasePerSecond ?? 1;
    this.#now = options.now ?? (() => performance.now());
    this.#rate = Math.min(this.#maxRate, Math.max(this.#minRate, options.initialRate ?? 10));
    this.#refilledAt = this.#now();
  }

  /** Requests per second allowed now. */
  get rate(): number {
    return this.#rate;
  }

  get slowedDown(): boolean {
    return this.#now() - this.#lastThrottle < slowedDownMs;
  }

  /** Resolves when one request may be sent; rejects with the signal's reason on cancel. */
  acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.#waiters.indexOf(waiter);
          if (at >= 0) this.#waiters.splice(at, 1);
          const reason: unknown = signal?.reason;
          reject(reason instanceof Error ? reason : new DOMException('Cancelled.', 'AbortError'));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#pump();
    });
  }

  /** AWS answered (anything but Throttling): it admitted the request. */
  admitted(): void {
    const now = this.#now();
    this.#firstAnswer ??= now;
    this.#answers.push(now);
    while ((this.#answers[0] ?? now) < now - windowMs) this.#answers.shift();
    if (this.#waiters.length === 0) return;
    this.#setRate(
      this.#slowStart ? this.#rate + 1 : this.#rate + this.#increasePerSecond / this.#rate,
    );
  }

  /** AWS answered Throttling: slow down to what it has been admitting. */
  throttled(): void {
    const now = this.#now();
    this.#lastThrottle = now;
    if (now - this.#lastDecrease < 1_000) return;
    this.#lastDecrease = now;
    this.#slowStart = false;
    const admitted = this.#admittedRate(now);
    const target = admitted === null ? this.#rate / 2 : admitted * 0.95;
    this.#setRate(this.#rate > target ? Math.max(this.#rate / 2, target) : this.#rate * 0.9);
    // Spent tokens stay spent: the next request waits for the lower rate.
    this.#tokens = Math.min(this.#tokens, 0);
  }

  #admittedRate(now: number): number | null {
    while ((this.#answers[0] ?? now) < now - windowMs) this.#answers.shift();
    const span = Math.min(windowMs, now - (this.#firstAnswer ?? now));
    if (this.#answers.length < 4 || span < 250) return null;
    return (this.#answers.length * 1000) / span;
  }

  #setRate(rate: number): void {
    this.#refill(this.#now());
    this.#rate = Math.min(this.#maxRate, Math.max(this.#minRate, rate));
  }

  /** A tenth of a second's worth of tokens: enough to absorb timer jitter, too few to burst. */
  #capacity(): number {
    return Math.max(1, this.#rate / 10);
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#refilledAt) / 1000;
    this.#tokens = Math.min(this.#capacity(), this.#tokens + elapsed * this.#rate);
    this.#refilledAt = now;
  }

  #pump(): void {
    while (this.#waiters.length > 0) {
      this.#refill(this.#now());
      if (this.#tokens < 1) {
        if (this.#timer === null) {
          const waitMs = Math.max(1, ((1 - this.#tokens) / this.#rate) * 1000);
          this.#timer = setTimeout(() => {
            this.#timer = null;
            this.#pump();
          }, waitMs);
        }
        return;
      }
      this.#tokens -= 1;
      const waiter = this.#waiters.shift();
      if (waiter) {
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      }
    }
  }
}
