export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** 'throttle': answered with Throttling as if the rate limit were reached. */
export type FailureMode = 'error' | 'drop-after-commit' | 'throttle';

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly limit: RateLimit,
    now: number,
  ) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError('rateLimit needs perSecond > 0 and burst >= 1');
    }
    this.tokens = limit.burst;
    this.updatedAt = now;
  }

  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface PendingFailure {
  readonly action: string;
  remaining: number;
  readonly mode: FailureMode;
}

/** Faults injected by tests: latency, throttling and one-off failures of a chosen request. */
export class Faults {
  latencyMs = 0;
  private bucket: TokenBucket | undefined;
  private pending: PendingFailure[] = [];

  setLatency(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('latency must be >= 0 ms');
    this.latencyMs = ms;
  }

  setRateLimit(limit: RateLimit | undefined): void {
    this.bucket = limit === undefined ? undefined : new TokenBucket(limit, Date.now());
  }

  /** n = 1 is the next request of that action that gets past throttling and authentication. */
  failNth(action: string, n: number, mode: FailureMode): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('failNth needs n >= 1');
    this.pending.push({ action, remaining: n, mode });
  }

  clear(): void {
    this.latencyMs = 0;
    this.bucket = undefined;
    this.pending = [];
  }

  allowRequest(now: number): boolean {
    return this.bucket?.take(now) ?? true;
  }

  /** Counts one request of `action` against every pending failure; returns the one now due. */
  nextFailure(action: string): FailureMode | undefined {
    let due: PendingFailure | undefined;
    for (const failure of this.pending) {
      if (failure.action !== action) continue;
      failure.remaining -= 1;
      if (failure.remaining === 0) due ??= failure;
    }
    this.pending = this.pending.filter((failure) => failure.remaining > 0);
    return due?.mode;
  }
}

/** What the sandbox was asked, for benchmarks and for tests that count calls. */
export class Stats {
  private readonly perAction = new Map<string, number>();
  private throttledCount = 0;

  recordCall(action: string): void {
    this.perAction.set(action, (this.perAction.get(action) ?? 0) + 1);
  }

  recordThrottled(): void {
    this.throttledCount += 1;
  }

  calls(action?: string): number {
    if (action !== undefined) return this.perAction.get(action) ?? 0;
    let total = 0;
    for (const count of this.perAction.values()) total += count;
    return total;
  }

  throttled(): number {
    return this.throttledCount;
  }

  reset(): void {
    this.perAction.clear();
    this.throttledCount = 0;
  }
}
