import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Keychain tests share one Secret Service; files run one at a time so they never race on it.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'electron/**/*.test.ts',
            'e2e/sandbox/**/*.test.ts',
            'e2e/demo/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      // The window's state classes use Svelte's runes: compiled as for the page (browser build
      // of Svelte), run under Node with a fake bridge, no DOM needed.
      {
        extends: true,
        plugins: [
          svelte({
            configFile: false,
            compilerOptions: { runes: true },
            dynamicCompileOptions: () => ({ generate: 'client' }),
          }),
        ],
        ssr: { resolve: { conditions: ['browser'] } },
        test: {
          name: 'renderer',
          include: ['renderer/src/**/*.test.ts'],
          server: { deps: { inline: ['svelte'] } },
        },
      },
    ],
  },
});
