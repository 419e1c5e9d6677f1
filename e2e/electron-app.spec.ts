import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { methodNames } from '../electron/common/contract';
import { artifactsDir } from './fixtures';
import { findElectronBinary } from './harness/electron-binary';

const binary = findElectronBinary();
const reason =
  'skipped: no Electron binary (npm install could not download it; run where the internet is reachable)';
if (!binary) console.log(`electron-app.spec.ts ${reason}`);

test.describe('the real Electron app', () => {
  test.skip(!binary, reason);

  test('opens one hardened window that shows the keychain status', async () => {
    const app = await electron.launch({
      executablePath: binary,
      args: [
        path.resolve(import.meta.dirname, '..'),
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { level: 1, name: 'Keyward' })).toBeVisible();
      await expect(page.getByRole('status', { name: 'Keychain' })).not.toBeEmpty();
      expect(page.url()).toBe('app://keyward/index.html');
      const surface = await page.evaluate(() => ({
        require: typeof (window as unknown as Record<string, unknown>)['require'],
        process: typeof (window as unknown as Record<string, unknown>)['process'],
        methods: Object.entries(window.keyward)
          .flatMap(([domain, verbs]) =>
            Object.keys(verbs as object).map((verb) => `${domain}.${verb}`),
          )
          .sort(),
      }));
      expect(surface).toEqual({
        require: 'undefined',
        process: 'undefined',
        methods: [...methodNames].sort(),
      });
      await page.screenshot({ path: path.join(artifactsDir, 'electron-first-screen.png') });
    } finally {
      await app.close();
    }
  });
});
