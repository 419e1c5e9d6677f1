import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright cannot download its own browser where the internet is closed. */
const chromiumPath = process.env['KEYWARD_CHROMIUM'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  outputDir: 'test-results',
  projects: [
    {
      name: 'chromium',
      testIgnore: '**/electron-app.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1100, height: 760 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
            '--disable-quic',
          ],
        },
      },
    },
    { name: 'electron', testMatch: '**/electron-app.spec.ts' },
  ],
});
