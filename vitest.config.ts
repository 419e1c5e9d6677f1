import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'e2e/sandbox/**/*.test.ts',
      'e2e/demo/**/*.test.ts',
      'scripts/**/*.test.ts',
      'renderer/src/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Keychain tests share one Secret Service; files run one at a time so they never race on it.
    fileParallelism: false,
  },
});
