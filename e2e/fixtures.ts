import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Services } from '../electron/core/handlers';
import { HandoffDesk } from '../electron/core/handoff/handoff-desk';
import { Keyward } from '../electron/core/keyward';
import { KeytarStore } from '../electron/core/vault/keytar-store';
import { openHarnessedApp } from './harness/bridge-harness';
import type { HarnessedApp } from './harness/bridge-harness';
import { TestPlatform } from './harness/test-platform';

export const artifactsDir = path.resolve(import.meta.dirname, 'artifacts');

interface KeywardFixtures {
  platform: TestPlatform;
  services: Services;
  app: HarnessedApp;
  /** Saves a full-page screenshot to e2e/artifacts/<name>.png for a person to look at. */
  saveScreenshot: (name: string) => Promise<void>;
}

export const test = base.extend<KeywardFixtures>({
  platform: async ({}, use) => {
    await use(new TestPlatform());
  },
  services: async ({ platform }, use) => {
    // Each test run uses its own keychain service name so it never touches a person's real keys.
    const secretStore = new KeytarStore({
      os: platform.os,
      service: `Keyward-e2e-${String(process.pid)}`,
    });
    const keyward = new Keyward(platform, secretStore);
    await use({
      keyward,
      handoff: new HandoffDesk(keyward),
      appVersion: '0.0.0-e2e',
      keywardCommand: [path.resolve(import.meta.dirname, '../bin/keyward')],
    });
    await keyward.shutdown();
  },
  app: async ({ page, services }, use) => {
    const app = await openHarnessedApp(page, services);
    await use(app);
    await app.close();
  },
  saveScreenshot: async ({ page }, use) => {
    mkdirSync(artifactsDir, { recursive: true });
    await use(async (name: string) => {
      await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
    });
  },
});

export { expect } from '@playwright/test';
export type { Page };
