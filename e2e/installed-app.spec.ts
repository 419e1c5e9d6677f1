import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { AdminDesk } from './harness/admin-desk';
import { createOwnKeyUntilKept } from './harness/ui';

test('a key file double-clicked while Keyward already runs goes straight to unlocking it', async ({
  page,
  device,
  sandbox,
  launch,
  capture,
}) => {
  await device.keepKeyOf('bob', 'bob-key');
  const admin = await AdminDesk.start(sandbox);
  try {
    const handed = await admin.handOver('alice', { kind: 'passphrase', passphrase: null }, 'CLI');
    const app = await launch();
    await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();

    // What the shell does on `second-instance` / `open-file`: hold the file, then tell the page.
    device.services.handoff.offerFile(handed.file);
    await app.notify('handoff.fileOpened');

    await expect(page.getByRole('heading', { name: 'Unlock the key file' })).toBeVisible();
    await expect(page.getByText(path.basename(handed.file), { exact: true })).toBeVisible();
    await capture('installed-file-opened-while-running');
    await page.getByLabel('Passphrase', { exact: true }).fill(handed.passphrase ?? '');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(
      page.getByRole('heading', { name: 'Check the key and give it a name' }),
    ).toBeVisible({ timeout: 15_000 });
  } finally {
    await admin.close();
  }
});

test('a key file opened while a new key is not kept yet asks before leaving it', async ({
  page,
  device,
  launch,
}) => {
  await device.keepKeyOf('alice', 'alice-key');
  const app = await launch();
  await createOwnKeyUntilKept(page, 'alice-key');

  const file = path.join(device.platform.dataDir(), 'someone.keyward');
  writeFileSync(file, 'not opened yet');
  device.services.handoff.offerFile(file);
  await app.notify('handoff.fileOpened');
  await expect(page.getByRole('dialog')).toContainText('not saved yet');
  await page.getByRole('button', { name: /Go back/ }).click();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
});

test('after the window reloads, a new key not kept anywhere yet is shown again, not lost', async ({
  page,
  device,
  sandbox,
  launch,
  capture,
}) => {
  await device.keepKeyOf('alice', 'alice-key');
  await launch();
  await createOwnKeyUntilKept(page, 'alice-key');
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
  expect((await device.keyward.profiles.get('work'))?.accessKeyId).toBe(created.accessKeyId);
});
