import { afterEach, beforeEach } from 'vitest';
import { startKeyward } from './keyward-fixture';
import type { KeywardFixture } from './keyward-fixture';

/**
 * A fresh Keyward fixture for every test of the calling file: started before each test, closed
 * after it. The object returned stays the same; before each test it takes that test's fixture,
 * so a file reads `const f = keywardForEachTest();` and its tests use `f` as they would a variable.
 */
export function keywardForEachTest(options?: Parameters<typeof startKeyward>[0]): KeywardFixture {
  const current = {} as KeywardFixture;
  beforeEach(async () => {
    Object.assign(current, await startKeyward(options));
  });
  afterEach(async () => {
    await current.close();
  });
  return current;
}
