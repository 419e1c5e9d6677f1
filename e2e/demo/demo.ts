// `npm run demo`: the local IAM sandbox with friendly people and keys, and Keyward pointed at it,
// so anyone can click through Keyward without an AWS account. `-- --browser` shows the same UI in
// Chromium through the e2e harness (for machines where Electron cannot start); it is a
// development aid and says so on the page.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { keychainServiceFrom } from '../../electron/cli/keychain-service';
import { dataDirFor } from '../../electron/cli/node-platform';
import { createCore } from '../../electron/core/compose';
import { KeytarStore } from '../../electron/core/vault/keytar-store';
import { openHarnessedApp } from '../harness/bridge-harness';
import { TestPlatform } from '../../testing/test-platform';
import { startSandbox } from '../sandbox';
import { demoEnvironment } from './demo-environment';

const { values } = parseArgs({ options: { browser: { type: 'boolean', default: false } } });
const root = path.resolve(import.meta.dirname, '../..');
const sandbox = await startSandbox();

// The demo's own AWS config, data folder and keychain entries: a person's real ones stay untouched.
const { env } = demoEnvironment(sandbox);
Object.assign(process.env, env);

console.log(
  `Sandbox: ${sandbox.endpoint} (account ${sandbox.accountId}, region ${sandbox.region})`,
);
console.log('Sign in with the AWS profile "sandbox-admin" (an admin), or use the people in it:');
console.log('  alice and bob (manage their own keys), auditor (read-only), nobody (no access).');

const stop = async (code = 0) => {
  await sandbox.close();
  process.exit(code);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

if (values.browser) {
  const platform = new TestPlatform(dataDirFor(env));
  const secretStore = new KeytarStore({ os: platform.os, service: keychainServiceFrom(env) });
  const browser = await chromium.launch({
    headless: false,
    executablePath: process.env['KEYWARD_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  await page.addInitScript(() => {
    window.addEventListener('DOMContentLoaded', () => {
      const banner = document.createElement('div');
      banner.setAttribute('role', 'note');
      banner.textContent =
        'Development aid: Keyward running in a browser against the local sandbox. Dialogs are simulated; use drag and drop for key files.';
      banner.style.cssText =
        'background:#fff3cd;color:#533f03;padding:6px 12px;font:14px system-ui';
      document.body.prepend(banner);
    });
  });
  await openHarnessedApp(page, {
    core: createCore(platform, secretStore),
    platform,
    secretStore,
    appVersion: 'demo',
    keywardCommand: () => Promise.resolve([path.join(root, 'bin', 'keyward')]),
  });
  console.log('The browser window is open. Close it or press Ctrl+C to stop.');
  page.on('close', () => void browser.close().then(() => stop()));
} else {
  const build = spawn('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  build.on('exit', (code) => {
    if (code !== 0) return void stop(code ?? 1);
    const electron = spawn('npx', ['electron', '.'], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
    electron.on('exit', (status) => void stop(status ?? 0));
  });
}
