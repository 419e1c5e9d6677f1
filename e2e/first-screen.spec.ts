import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { onlyTheBridge, pageSurface } from './harness/page-surface';

test('the first screen shows the app name, that the keychain is ready, and asks one question', async ({
  page,
  app,
  capture,
}) => {
  expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  await expect(page.getByRole('heading', { level: 1, name: 'Keyward' })).toBeVisible();
  const keychain = page.getByRole('status', { name: 'Keychain' });
  await expect(keychain).toContainText('Keychain ready');
  await expect(keychain).toContainText('Keys are kept in this computer’s keychain.');
  // No test version or keychain product names in the sidebar; the version is in Settings.
  await expect(page.getByText(/e2e|GNOME|KWallet|Keyward \d/)).toHaveCount(0);
  await expect(
    page.getByRole('heading', { level: 2, name: 'What would you like to do?' }),
  ).toBeVisible();
  for (const choice of [
    'I received a key file from my admin',
    'I need to create my own key',
    'I manage keys for other people',
  ]) {
    await expect(page.getByRole('main').getByRole('button', { name: choice })).toBeVisible();
  }
  await capture('first-screen-ready');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Settings' })
    .click();
  const about = page.getByRole('region', { name: 'About Keyward' });
  await expect(about).toHaveText(
    /^About Keyward\s*Keyward \d+\.\d+\.\d+ for (Linux|macOS|Windows)\.$/,
  );
  await expect(about).not.toContainText('e2e');
});

test('answering “I manage keys for other people” on the welcome opens People’s keys under Admin', async ({
  page,
  device,
}) => {
  await device.open();
  await page
    .getByRole('main')
    .getByRole('button', { name: /I manage keys for other people/ })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'People’s keys' })).toBeVisible();
  const admin = page.getByRole('navigation', { name: 'Admin' });
  await expect(admin.getByRole('button', { name: 'People’s keys' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  expect((await device.core.settings.read()).managesOthersKeys).toBe(true);
});

test('the page reaches main only through window.keyward, with exactly the contract methods', async ({
  page,
  app,
}) => {
  expect(app.url).toBeTruthy();
  expect(await pageSurface(page)).toEqual(onlyTheBridge);
});

test('a page from another origin that reaches the bridge is refused by the sender check', async ({
  page,
  app,
}) => {
  expect(app.url).toBeTruthy();
  const foreign = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<!doctype html><title>Elsewhere</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = foreign.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${String(port)}/`);
    const answer = await page.evaluate(() => window.keyward.vault.status());
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  } finally {
    foreign.close();
  }
});
