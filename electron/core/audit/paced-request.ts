import { setTimeout as sleep } from 'node:timers/promises';
import { attemptsOf, awsErrorCode, isNetworkFailure, isThrottling } from '../aws/aws-errors';
import type { AdaptiveRateLimiter } from './rate-limiter';

export interface Pacing {
  limiter: AdaptiveRateLimiter;
  signal: AbortSignal;
  /** Counts HTTP requests, retries included, from the SDK's own attempt count. */
  countRequests(attempts: number): void;
}

const transientCodes = new Set([
  'ServiceFailure',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
]);
const maxTransientRetries = 4;

/**
 * Sends one read-only IAM request at the limiter's pace. Throttling is retried for as long as it
 * takes (the person can cancel), so it never surfaces as an error; AWS-side failures and lost
 * connections are retried a few times, which is safe because every audit request only reads.
 * Waits use "full jitter" backoff so many waiting requests do not come back in step.
 */
export async function pacedRequest<T>(pacing: Pacing, send: () => Promise<T>): Promise<T> {
  const { limiter, signal } = pacing;
  let throttles = 0;
  let failures = 0;
  for (;;) {
    await limiter.acquire(signal);
    try {
      const answer = await send();
      pacing.countRequests(attemptsOf(answer));
      limiter.admitted();
      return answer;
    } catch (error) {
      pacing.countRequests(attemptsOf(error));
      signal.throwIfAborted();
      if (isThrottling(error)) {
        limiter.throttled();
        throttles += 1;
        await sleep(jitter(50, throttles), undefined, { signal });
        continue;
      }
      if (!isNetworkFailure(error)) limiter.admitted();
      if (isTransient(error) && failures < maxTransientRetries) {
        failures += 1;
        await sleep(jitter(200, failures), undefined, { signal });
        continue;
      }
      throw error;
    }
  }
}

function isTransient(error: unknown): boolean {
  const code = awsErrorCode(error);
  if (code !== undefined) return transientCodes.has(code);
  return isNetworkFailure(error);
}

/** A random wait up to `baseMs · 2^(n-1)`, capped at five seconds. */
function jitter(baseMs: number, attempt: number): number {
  return Math.random() * Math.min(5_000, baseMs * 2 ** Math.min(attempt - 1, 8));
}
