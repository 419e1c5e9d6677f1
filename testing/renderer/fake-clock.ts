import { afterEach, beforeEach, vi } from 'vitest';

/** Runs each test of the enclosing `describe` on a fake clock: timers run when the test says. */
export function onFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
