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
  await expect(page.getByText('Keyward 0.0.0-e2e')).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'What would you like to do?' }),
  ).toBeVisible();
  for (const choice of [
    'I received a key file from my admin',
    'I need to create my own key',
    'I manage keys for other people',
  ]) {
    await expect(page.getByRole('button', { name: choice })).toBeVisible();
  }
  await capture('first-screen-ready');
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
