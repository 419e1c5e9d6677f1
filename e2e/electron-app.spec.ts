import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { _electron as electron, expect, test } from '@playwright/test';
import { headlessSwitches } from '../electron/core/aws-config/program-location';
import { artifactsDir } from './fixtures';
import { findElectronBinary } from './harness/electron-binary';
import { onlyTheBridge, pageSurface } from './harness/page-surface';

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
      expect(await pageSurface(page)).toEqual(onlyTheBridge);
      await page.screenshot({ path: path.join(artifactsDir, 'electron-first-screen.png') });
    } finally {
      await app.close();
    }
  });

  test('answers credential-process without a display, as over SSH, in cron or a container', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KEYWARD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'keyward-electron-cli-')),
      KEYWARD_KEYCHAIN_SERVICE: 'Keyward-e2e-electron-cli',
    };
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    const result = spawnSync(
      binary ?? '',
      [
        path.resolve(import.meta.dirname, '..'),
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ...headlessSwitches,
        'credential-process',
        '--profile',
        'nothing-kept-here',
      ],
      { env, encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.stderr).not.toMatch(/Missing X server|\$DISPLAY/);
    // Keyward itself answered: a plain one-line refusal, not a crash of the Electron process.
    expect(result.stderr).toMatch(/^keyward: /m);
    expect(result.status).not.toBe(0);
    expect(result.signal).toBeNull();
  });

  test('asks for an MFA code in a small window of its own, for a command with no display', async () => {
    // The process credential-process starts (electron/main/mfa-window/), driven as it would:
    // questions on its stdin, answers on its stdout.
    const app = await electron.launch({
      executablePath: binary,
      args: [
        path.resolve(import.meta.dirname, '..'),
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        'mfa-window',
      ],
    });
    try {
      const child = app.process();
      const answers: unknown[] = [];
      createInterface({ input: child.stdout ?? Readable.from([]) }).on('line', (line) => {
        if (line.startsWith('{')) answers.push(JSON.parse(line));
      });
      const ask = {
        profile: 'work',
        accountId: '123456789012',
        serialNumber: 'arn:aws:iam::123456789012:mfa/alice',
        problem: null,
      };
      child.stdin?.write(`${JSON.stringify({ ask })}\n`);
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://keyward/mfa.html');
      await expect(
        page.getByRole('heading', { name: 'Keyward needs your MFA code' }),
      ).toBeVisible();
      const surface = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          require: typeof w['require'],
          process: typeof w['process'],
          keyward: typeof w['keyward'],
          keywardMfa: Object.keys(w['keywardMfa'] as object).sort(),
        };
      });
      expect(surface).toEqual({
        require: 'undefined',
        process: 'undefined',
        keyward: 'undefined',
        keywardMfa: ['cancel', 'next', 'submit'],
      });
      await page.screenshot({ path: path.join(artifactsDir, 'electron-mfa-window.png') });
      await page.keyboard.type('123456');
      await page.keyboard.press('Enter');
      await expect.poll(() => answers).toEqual([{ shown: true }, { code: '123456' }]);
      const closed = app.waitForEvent('close');
      child.stdin?.write(`${JSON.stringify({ done: true })}\n`);
      await closed;
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});
