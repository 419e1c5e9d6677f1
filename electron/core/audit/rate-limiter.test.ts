import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimiter } from './rate-limiter';

/** A limiter on a clock the test moves, with one caller left waiting so the rate may grow. */
function limiterAt(initialRate: number) {
  let now = 0;
  const limiter = new AdaptiveRateLimiter({ initialRate, now: () => now });
  const waiting = new AbortController();
  const wait = () => {
    void limiter.acquire(waiting.signal).catch(() => undefined);
  };
  return {
    limiter,
    advance: (ms: number) => (now += ms),
    /** `count` answers, evenly over `ms`. */
    answers: (count: number, ms: number) => {
      for (let i = 0; i < count; i++) {
        now += ms / count;
        limiter.admitted();
      }
    },
    wait,
    stop: () => {
      waiting.abort();
    },
  };
}

describe('the audit’s adaptive rate limit', () => {
  it('spaces requests at its rate', async () => {
    const limiter = new AdaptiveRateLimiter({ initialRate: 100, maxRate: 100 });
    const started = performance.now();
    for (let i = 0; i < 10; i++) await limiter.acquire();
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
  });

  it('speeds up quickly before AWS first pushes back, but only while requests wait', () => {
    const t = limiterAt(10);
    t.answers(5, 500);
    expect(t.limiter.rate).toBe(10);
    t.limiter.acquire().catch(() => undefined);
    t.wait();
    t.answers(5, 500);
    expect(t.limiter.rate).toBe(15);
    t.stop();
  });

  it('slows to just under the rate AWS was admitting when it throttles, once per second', () => {
    const t = limiterAt(30);
    t.answers(40, 2000);
    t.limiter.throttled();
    // About 20 answers a second were admitted: 95 % of that.
    const slowed = t.limiter.rate;
    expect(slowed).toBeGreaterThan(19);
    expect(slowed).toBeLessThan(20);
    expect(t.limiter.slowedDown).toBe(true);
    t.advance(500);
    t.limiter.throttled();
    expect(t.limiter.rate).toBe(slowed);
    t.advance(5_000);
    expect(t.limiter.slowedDown).toBe(false);
  });

  it('never more than halves on one Throttling answer', () => {
    const t = limiterAt(100);
    t.answers(10, 2000);
    t.limiter.throttled();
    expect(t.limiter.rate).toBe(50);
  });

  it('climbs back by about one request per second each second afterwards', () => {
    const t = limiterAt(30);
    t.answers(40, 2000);
    t.limiter.throttled();
    t.limiter.acquire().catch(() => undefined);
    t.wait();
    t.answers(19 * 5, 5000);
    expect(t.limiter.rate).toBeGreaterThan(23.5);
    expect(t.limiter.rate).toBeLessThan(25);
    t.stop();
  });

  it('lets a cancelled request stop waiting', async () => {
    const limiter = new AdaptiveRateLimiter({ initialRate: 0.5, minRate: 0.5 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
