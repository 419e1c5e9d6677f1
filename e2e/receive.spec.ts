import { expect, test } from './fixtures';
import { sealedTo, withPassphrase } from './harness/admin-desk';
import type { AdminDesk } from './harness/admin-desk';
import { actionsTaken, startCountingActions } from './harness/action-count';
import type { Device } from './harness/device';
import { chooseKeyFile, dropFile, goTo, unlockKeyFile } from './harness/ui';

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
  // Two passphrase unlocks, each seconds of work in main, more on a busy machine.
  test.setTimeout(90_000);
  const handed = await admin.handOver('alice', withPassphrase, 'Laptop CLI');
  await launch();
  await page.getByRole('button', { name: 'I received a key file from my admin' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Get a key from your admin' }),
  ).toBeFocused();
  // Opening the key file is the one main task: it comes before the receiving code.
  const openFile = page.getByRole('button', { name: 'Choose key file…' });
  const copyCode = page.getByRole('button', { name: 'Copy receiving code' });
  await expect(copyCode).toBeVisible();
  expect((await openFile.boundingBox())?.y).toBeLessThan((await copyCode.boundingBox())?.y ?? 0);
  await capture('receive-1-start');
  const code = await device.services.core.handoff.receivingCode();
  await expect(page.getByLabel('Your receiving code', { exact: true })).toHaveValue(code);
  await copyCode.click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(device.platform.clipboard).toBe(code);

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
  // Spaces are tidied as typed ("my work key" is kept as my-work-key); a leading dash cannot be.
  await name.fill('-work');
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

test('the receiving code waits in a secondary panel, ready to copy, show or email to the admin', async ({
  page,
  device,
  launch,
  capture,
}) => {
  await launch();
  await page.getByRole('button', { name: 'I received a key file from my admin' }).click();
  const code = await device.services.core.handoff.receivingCode();
  await page.getByText('Show the code').click();
  await expect(page.getByLabel('Your receiving code', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Your receiving code', { exact: true })).toHaveValue(code);
  await capture('receive-1-code-shown');
  // "Email it to my admin" opens a draft through main's link check: the code, and what it is.
  await page.getByRole('button', { name: /Email it to my admin/ }).click();
  await expect.poll(() => device.platform.openedUrls.length).toBe(1);
  const draft = new URL(device.platform.openedUrls[0] ?? '');
  expect(draft.protocol).toBe('mailto:');
  expect(draft.pathname).toBe('');
  expect(draft.searchParams.get('body')).toContain(code);
  expect(draft.searchParams.get('body')).toContain('safe to send');
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

test('a sealed key file is received and kept in at most four actions from app open', async ({
  page,
  device,
  admin,
}) => {
  const handed = await admin.handOver('alice', await sealedTo(device));
  await device.open();
  await startCountingActions(page);
  await page.getByRole('button', { name: 'I received a key file from my admin' }).click();
  await chooseKeyFile(device, handed.file);
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  await expect(page.getByRole('heading', { name: 'The key is ready to use' })).toBeVisible({
    timeout: 15_000,
  });
  expect((await device.profiles.get('alice'))?.accessKeyId).toBe(handed.accessKeyId);
  expect(await actionsTaken(page)).toBeLessThanOrEqual(4);
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
