import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import type { Page } from './fixtures';
import { actionsTaken, startCountingActions } from './harness/action-count';
import type { Device } from './harness/device';
import { chooseKeyFile, dropFile, goTo } from './harness/ui';

interface Key {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A Downloads folder of this test's own, where the device's Keyward looks at start. */
function downloadsOf(device: Device): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'keyward-e2e-downloads-'));
  device.platform.downloads = folder;
  return folder;
}

/** The IAM console's "Download .csv file", as the console writes it, or other `rows`. */
function consoleCsv(folder: string, name: string, key: Key, rows?: string): string {
  const file = path.join(folder, name);
  writeFileSync(
    file,
    `\uFEFFAccess key ID,Secret access key\r\n${rows ?? `${key.accessKeyId},${key.secretAccessKey}\r\n`}`,
  );
  return file;
}

async function expectRefused(page: Page, message: string | RegExp): Promise<void> {
  await expect(page.getByRole('alert')).toContainText(message, { timeout: 15_000 });
}

test('a staff member imports the AWS console’s key download, then deletes the file, in four actions', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  // Five screens checked for accessibility and photographed: slow on a busy machine.
  test.setTimeout(90_000);
  const downloads = downloadsOf(device);
  // Chosen from elsewhere, so the Downloads offer does not show: this is the "Choose file" path.
  device.platform.downloads = null;
  const key = sandbox.credentialsFor('alice');
  const file = consoleCsv(downloads, 'alice_accessKeys.csv', key);
  await device.open();
  await startCountingActions(page);
  await page.getByRole('button', { name: 'I received a key file from my admin' }).click();
  await chooseKeyFile(device, file);

  await expect(
    page.getByRole('heading', { name: 'Check the key and give it a name' }),
  ).toBeVisible();
  await expect(page.getByText('is the key download from the AWS console')).toBeVisible();
  await expect(page.getByText(key.accessKeyId)).toBeVisible();
  await expect(page.getByLabel('Name for this key')).toHaveValue('alice');
  await capture('receive-console-csv-1-chosen');
  await page.getByRole('button', { name: 'Check and keep the key' }).click();

  await expect(page.getByRole('heading', { name: 'The key is ready to use' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText('Checked with AWS: the key works.')).toBeVisible();
  expect((await device.profiles.get('alice'))?.secretAccessKey).toBe(key.secretAccessKey);
  await capture('receive-console-csv-3-kept');
  const offer = page.getByRole('region', { name: 'Delete the downloaded file' });
  await offer.scrollIntoViewIfNeeded();
  await expect(offer).toContainText('overwrites the file with zeros');
  await expect(offer).toContainText('Dropbox, OneDrive, iCloud');
  await capture('receive-console-csv-4-delete-offered');

  await offer.getByRole('button', { name: 'Delete the downloaded file' }).click();
  await expect(page.getByText('Deleted alice_accessKeys.csv.')).toBeVisible();
  expect(existsSync(file)).toBe(false);
  await capture('receive-console-csv-deleted');
  expect(await actionsTaken(page)).toBeLessThanOrEqual(4);
  // The secret never reached the page.
  expect(await page.content()).not.toContain(key.secretAccessKey);
});

test('a download dropped on Receive is named by the person, kept, and its deletion left to them', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  // Dropped from a folder Keyward does not know: it cannot delete it, and says so.
  const elsewhere = mkdtempSync(path.join(tmpdir(), 'keyward-e2e-desktop-'));
  const key = sandbox.credentialsFor('bob');
  const file = consoleCsv(elsewhere, 'bob_accessKeys.csv', key);
  await device.open();
  await goTo(page, 'Receive a key');
  await dropFile(page, file);
  const name = page.getByLabel('Name for this key');
  await expect(name).toHaveValue('bob');
  await name.fill('bob-laptop');
  await capture('receive-console-csv-2-named');
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  await expect(page.getByRole('main').getByText('as “bob-laptop”')).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText('does not know which folder you dragged it from')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete the downloaded file' })).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toContain(key.accessKeyId);
  expect((await device.profiles.get('bob-laptop'))?.accessKeyId).toBe(key.accessKeyId);
});

test('refuses two rows, a temporary key, a key already kept and a key AWS rejects, saying why', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'keyward-e2e-refused-'));
  const alice = sandbox.credentialsFor('alice');
  await device.profiles.put('laptop', {
    ...alice,
    userName: 'alice',
    accountId: sandbox.accountId,
    created: new Date().toISOString(),
    description: null,
  });
  await device.open();
  await goTo(page, 'Receive a key');

  const row = `${alice.accessKeyId},${alice.secretAccessKey}\r\n`;
  await chooseKeyFile(device, consoleCsv(folder, 'two_accessKeys.csv', alice, row + row));
  await expectRefused(page, 'holds 2 rows');
  await capture('receive-console-csv-refused-two-rows');

  await chooseKeyFile(
    device,
    consoleCsv(folder, 'temp_accessKeys.csv', { ...alice, accessKeyId: 'ASIAZZZZZZZZZZZZZZZZ' }),
  );
  await expectRefused(page, 'temporary key');
  await capture('receive-console-csv-refused-temporary');

  await chooseKeyFile(device, consoleCsv(folder, 'alice_accessKeys.csv', alice));
  await expect(page.getByText('This key is already kept as “laptop”.')).toBeVisible();
  await capture('receive-console-csv-refused-already-kept');
  await page.getByRole('button', { name: 'Choose another file' }).click();

  const ghost = { accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: 'a'.repeat(40) };
  await chooseKeyFile(device, consoleCsv(folder, 'ghost_accessKeys.csv', ghost));
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  await expectRefused(page, 'AWS does not accept the key AKIAZZZZZZZZZZZZZZZZ');
  await capture('receive-console-csv-refused-not-accepted');
  expect((await device.profiles.list()).map((p) => p.name)).toEqual(['laptop']);
});

test('Keyward offers the console downloads it finds in Downloads at start, unless turned off', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  test.setTimeout(90_000);
  const downloads = downloadsOf(device);
  const key = sandbox.credentialsFor('alice');
  consoleCsv(downloads, 'alice_accessKeys.csv', key);
  // Named like the old download, but another table: not offered.
  writeFileSync(path.join(downloads, 'credentials.csv'), 'User name,Password\r\nalice,x\r\n');
  await device.open();
  const banner = page.getByRole('region', { name: /key download from the AWS console/ });
  await expect(banner).toContainText('alice_accessKeys.csv');
  await expect(banner).not.toContainText('credentials.csv');
  await capture('receive-console-csv-5-downloads-offer');

  await banner.getByRole('button', { name: 'Import alice_accessKeys.csv' }).click();
  await expect(page.getByLabel('Name for this key')).toHaveValue('alice');
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  await page.getByRole('button', { name: 'Delete the downloaded file' }).click();
  await expect(page.getByText('Deleted alice_accessKeys.csv.')).toBeVisible();
  expect(existsSync(path.join(downloads, 'alice_accessKeys.csv'))).toBe(false);

  // Turned off in Settings: the next start looks no more.
  await goTo(page, 'Settings');
  const setting = page.getByRole('checkbox', { name: /Look in my Downloads folder/ });
  await expect(setting).toBeChecked();
  await setting.uncheck();
  await expect.poll(async () => (await device.core.settings.read()).scanDownloads).toBe(false);
  consoleCsv(downloads, 'bob_accessKeys.csv', sandbox.credentialsFor('bob'));
  expect(await device.core.consoleCsv.offers()).toEqual([]);
});
