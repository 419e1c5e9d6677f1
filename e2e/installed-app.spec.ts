import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { withPassphrase } from './harness/admin-desk';
import { createOwnKeyUntilKept, unlockKeyFile } from './harness/ui';

test('a key file double-clicked while Keyward already runs goes straight to unlocking it', async ({
  page,
  device,
  admin,
  launch,
  capture,
}) => {
  await device.keepKeyOf('bob', 'bob-key');
  const handed = await admin.handOver('alice', withPassphrase, 'CLI');
  const app = await launch();
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();

  // What the shell does on `second-instance` / `open-file`: hold the file, then tell the page.
  device.services.core.handoff.offerFile(handed.file);
  await app.notify('handoff.fileOpened');

  await expect(page.getByRole('heading', { name: 'Unlock the key file' })).toBeVisible();
  await expect(page.getByText(path.basename(handed.file), { exact: true })).toBeVisible();
  await capture('installed-file-opened-while-running');
  await unlockKeyFile(page, handed.passphrase ?? '');
});

test.describe('with a new key of alice’s not kept anywhere yet', () => {
  test.beforeEach(async ({ page, device, launch }) => {
    await device.keepKeyOf('alice', 'alice-key');
    await launch();
    await createOwnKeyUntilKept(page, 'alice-key');
  });

  test('a key file opened while a new key is not kept yet asks before leaving it', async ({
    page,
    device,
    launch,
  }) => {
    const app = await launch();

    const file = path.join(device.platform.dataDir(), 'someone.keyward');
    writeFileSync(file, 'not opened yet');
    device.services.core.handoff.offerFile(file);
    await app.notify('handoff.fileOpened');
    await expect(page.getByRole('dialog')).toContainText('not saved yet');
    await page.getByRole('button', { name: /Go back/ }).click();
    await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
  });

  test('after the window reloads, a new key not kept anywhere yet is shown again, not lost', async ({
    page,
    device,
    sandbox,
    capture,
  }) => {
    const created = sandbox.state.keysOf('alice').at(-1)!;

    // The browser asks before unloading a page holding an unsaved secret; the reload goes ahead.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();

    await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
    await expect(page.getByText(created.accessKeyId)).toBeVisible();
    await capture('installed-held-key-after-reload');
    await page.getByRole('button', { name: 'Keep in keychain' }).click();
    await expect(
      page.getByRole('main').getByText(/Kept in this computer’s keychain as/),
    ).toBeVisible();
    expect((await device.profiles.get('work'))?.accessKeyId).toBe(created.accessKeyId);
  });
});
