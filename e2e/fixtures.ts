import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Services } from '../electron/core/handlers';
import { AdminDesk } from './harness/admin-desk';
import { Device } from './harness/device';
import type { HarnessedApp } from './harness/bridge-harness';
import type { TestPlatform } from '../testing/test-platform';
import { startSandbox } from './sandbox';
import type { Sandbox, SandboxOptions } from './sandbox';

export const artifactsDir = path.resolve(import.meta.dirname, 'artifacts');

interface KeywardFixtures {
  /** The local IAM + STS endpoint, default seed: admin, alice, bob (2 keys), auditor, nobody. */
  sandbox: Sandbox;
  /** This computer: keychain, data folder, handlers. The page is not loaded until `launch`. */
  device: Device;
  platform: TestPlatform;
  services: Services;
  /** Loads the app in the page; set up keychain and sandbox state before calling it. */
  launch: () => Promise<HarnessedApp>;
  /** The app, already loaded (for specs that need nothing set up first). */
  app: HarnessedApp;
  /** A colleague's computer in the same test: its own page, keychain and data folder. */
  secondDevice: () => Promise<Device>;
  /** An admin's Keyward without a window, signed in as the sandbox's admin: makes key files. */
  admin: AdminDesk;
  /** Checks the screen with axe (no serious or critical violations) and saves a screenshot. */
  capture: (name: string, page?: Page) => Promise<void>;
  /** Saves a full-page screenshot to e2e/artifacts/<name>.png for a person to look at. */
  saveScreenshot: (name: string, page?: Page) => Promise<void>;
  /**
   * The AWS CLI's shared files in a temporary folder for this test (not created): main reads
   * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE in this very process, so no test touches a
   * real ~/.aws.
   */
  awsFiles: AwsFiles;
}

export interface AwsFiles {
  dir: string;
  config: string;
  credentials: string;
}

interface KeywardOptions {
  sandboxOptions: SandboxOptions;
}

export const test = base.extend<KeywardFixtures & KeywardOptions>({
  sandboxOptions: [{}, { option: true }],
  sandbox: async ({ sandboxOptions }, use) => {
    const sandbox = await startSandbox(sandboxOptions);
    await use(sandbox);
    await sandbox.close();
  },
  device: async ({ page, sandbox }, use) => {
    const device = new Device(page, sandbox, 'main');
    await device.prepare();
    await use(device);
    await device.close();
    // Nothing the page did may be refused by the Content-Security-Policy or throw.
    expect(device.pageErrors, 'errors in the page console').toEqual([]);
  },
  platform: async ({ device }, use) => {
    await use(device.platform);
  },
  services: async ({ device }, use) => {
    await use(device.services);
  },
  launch: async ({ device }, use) => {
    await use(() => device.open());
  },
  app: async ({ device }, use) => {
    await use(await device.open());
  },
  secondDevice: async ({ browser, sandbox }, use) => {
    const devices: Device[] = [];
    await use(async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
      const device = new Device(await context.newPage(), sandbox, 'colleague');
      await device.prepare();
      devices.push(device);
      return device;
    });
    for (const device of devices) {
      await device.close();
      await device.page.context().close();
      expect(device.pageErrors, 'errors in the colleague’s page console').toEqual([]);
    }
  },
  admin: async ({ sandbox }, use) => {
    const admin = await AdminDesk.start(sandbox);
    await use(admin);
    await admin.close();
  },
  awsFiles: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyward-e2e-aws-'));
    const files = {
      dir,
      config: path.join(dir, 'config'),
      credentials: path.join(dir, 'credentials'),
    };
    const before = {
      config: process.env['AWS_CONFIG_FILE'],
      credentials: process.env['AWS_SHARED_CREDENTIALS_FILE'],
    };
    process.env['AWS_CONFIG_FILE'] = files.config;
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = files.credentials;
    try {
      await use(files);
    } finally {
      if (before.config === undefined) delete process.env['AWS_CONFIG_FILE'];
      else process.env['AWS_CONFIG_FILE'] = before.config;
      if (before.credentials === undefined) delete process.env['AWS_SHARED_CREDENTIALS_FILE'];
      else process.env['AWS_SHARED_CREDENTIALS_FILE'] = before.credentials;
      rmSync(dir, { recursive: true, force: true });
    }
  },
  saveScreenshot: async ({ page }, use) => {
    mkdirSync(artifactsDir, { recursive: true });
    await use(async (name: string, target: Page = page) => {
      // A modal dialog covers the window, not the whole scrolled page: shoot what a person sees.
      const modal = (await target.locator('dialog[open]').count()) > 0;
      await target.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: !modal });
    });
  },
  capture: async ({ page, saveScreenshot }, use) => {
    await use(async (name: string, target: Page = page) => {
      await expectAccessible(target, name);
      await saveScreenshot(name, target);
    });
  },
});

/** axe-core on the whole page: WCAG 2.2 A and AA rules; serious and critical findings fail. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Let transitions and "Copied" flashes settle so axe sees what a person sees.
  await page.waitForTimeout(50);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${String(violation.impact)}): ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')} — ${node.failureSummary ?? ''}`)
          .join('\n'),
    );
  expect(blocking, `accessibility problems on "${name}"`).toEqual([]);
}

export { expect };
export type { Page };
