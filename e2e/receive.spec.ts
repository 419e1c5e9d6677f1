import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import type { Page } from './fixtures';
import { sealedTo, withPassphrase } from './harness/admin-desk';
import type { AdminDesk } from './harness/admin-desk';
import type { Device } from './harness/device';
import { chooseKeyFile, goTo, unlockKeyFile } from './harness/ui';

async function dropFile(page: Page, file: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name));
      return transfer;
    },
    { name: path.basename(file), base64: readFileSync(file).toString('base64') },
  );
  await page.getByRole('group', { name: 'Drop a key file here' }).dispatchEvent('drop', {
    dataTransfer,
  });
}

/**
 * Keyward opened on "Receive a key", with a key file for alice, sealed to this computer, dropped
 * on it. With `deletedInAws`, AWS deleted the key after the file was made.
 */
async function dropSealedKeyFile(device: Device, admin: AdminDesk, { deletedInAws = false } = {}) {
  const lock = await sealedTo(device);
  const handed = deletedInAws
    ? await admin.handOverDeletedKey('alice', lock)
    : await admin.handOver('alice', lock);
  await device.open();
  await goTo(device.page, 'Receive a key');
  await dropFile(device.page, handed.file);
  return handed;
}

test('a staff member opens a passphrase key file, names the key, and Keyward checks it works', async ({
  page,
  device,
  admin,
  launch,
  capture,
}) => {
  const handed = await admin.handOver('alice', withPassphrase, 'Laptop CLI');
  await launch();
  await page.getByRole('button', { name: 'I received a key file from my admin' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Get a key from your admin' }),
  ).toBeFocused();
  const code = await device.services.core.handoff.receivingCode();
  await expect(page.getByLabel('Your receiving code', { exact: true })).toHaveValue(code);
  await page.getByRole('button', { name: 'Copy receiving code' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(device.platform.clipboard).toBe(code);
  await capture('receive-1-start');

  await chooseKeyFile(device, handed.file);
  await expect(page.getByRole('heading', { name: 'Unlock the key file' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill('not-the-right-passphrase-at-all');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('handoff-wrong-key', { timeout: 15_000 });
  await capture('receive-2-wrong-passphrase');

  await unlockKeyFile(page, handed.passphrase ?? '');
  await expect(page.getByText(handed.accessKeyId)).toBeVisible();
  await expect(page.getByText('Laptop CLI')).toBeVisible();
  const name = page.getByLabel('Name for this key');
  await expect(name).toHaveValue('alice');
  await name.fill('my work key');
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await capture('receive-3-name');
  await name.fill('work');
  await page.getByRole('button', { name: 'Check and keep the key' }).click();

  await expect(page.getByRole('heading', { name: 'The key is ready to use' })).toBeVisible();
  await expect(page.getByText('Checked with AWS: the key works.')).toBeVisible();
  await expect(page.getByText('under the name “work”')).toBeVisible();
  await capture('receive-4-done');
  expect((await device.profiles.get('work'))?.secretAccessKey).toBe(handed.secret);
  // The secret itself never reached the page.
  expect(await page.content()).not.toContain(handed.secret);

  await page.getByRole('button', { name: 'Go to My keys' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'work' })).toBeVisible();
});

test('a key file sealed to this computer opens by drag and drop, without a passphrase', async ({
  page,
  device,
  admin,
  capture,
}) => {
  const handed = await dropSealedKeyFile(device, admin);
  await expect(
    page.getByRole('heading', { name: 'Check the key and give it a name' }),
  ).toBeVisible();
  await capture('receive-dropped-sealed-file');
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  await expect(page.getByRole('heading', { name: 'The key is ready to use' })).toBeVisible();
  await capture('receive-sealed-done');
  expect((await device.profiles.get('alice'))?.accessKeyId).toBe(handed.accessKeyId);
});

test('a key that no longer works is refused, and kept only when the person insists', async ({
  page,
  device,
  admin,
  capture,
}) => {
  await dropSealedKeyFile(device, admin, { deletedInAws: true });
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This key does not work right now', { timeout: 15_000 });
  expect(await device.profiles.get('alice')).toBeNull();
  await capture('receive-5-not-working');
  await alert.getByRole('button', { name: 'Keep it anyway' }).click();
  await expect(page.getByText('Kept without a working check.')).toBeVisible({ timeout: 15_000 });
  expect(await device.profiles.get('alice')).not.toBeNull();
});
