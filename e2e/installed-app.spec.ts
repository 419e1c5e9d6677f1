import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { withPassphrase } from './harness/admin-desk';
import { createKeyForColleague, openWithKeptKey, readyToCreateOwnKey } from './harness/starts';
import { doubleClickKeyFile, unlockKeyFile } from './harness/ui';

test('a key file double-clicked while Keyward already runs goes straight to unlocking it', async ({
  page,
  device,
  admin,
  capture,
}) => {
  const handed = await admin.handOver('alice', withPassphrase, 'CLI');
  await openWithKeptKey(device, 'bob');
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();

  await doubleClickKeyFile(device, handed.file);

  await expect(page.getByRole('heading', { name: 'Unlock the key file' })).toBeVisible();
  await expect(page.getByText(path.basename(handed.file), { exact: true })).toBeVisible();
  await capture('installed-file-opened-while-running');
  await unlockKeyFile(page, handed.passphrase ?? '');
});

test('a key file opened while a new key is not kept yet asks before leaving it', async ({
  page,
  device,
}) => {
  await createKeyForColleague(device, 'alice');
  const file = path.join(device.platform.dataDir(), 'someone.keyward');
  writeFileSync(file, 'not opened yet');
  await doubleClickKeyFile(device, file);
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
  // AWS answers slowly on purpose.
  test.setTimeout(90_000);
  // The person's own key is kept as "Keep it safe" appears: the window reloads before that,
  // while AWS is still making the key.
  await readyToCreateOwnKey(device, 'alice');
  sandbox.faults.setLatency(3000);
  await page.getByRole('button', { name: 'Create the key' }).click();
  await expect(page.getByRole('button', { name: 'Creating the key…' })).toBeVisible();

  // The browser asks before unloading a page holding an unsaved secret; the reload goes ahead.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();

  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible({
    timeout: 30_000,
  });
  sandbox.faults.setLatency(0);
  const created = sandbox.state.keysOf('alice').at(-1)!;
  await expect(page.getByText(created.accessKeyId)).toBeVisible();
  await capture('installed-held-key-after-reload');
  await page.getByRole('button', { name: 'Keep in keychain' }).click();
  await expect(
    page.getByRole('main').getByText(/Kept in this computer’s keychain as/),
  ).toBeVisible();
  expect((await device.profiles.get('work'))?.accessKeyId).toBe(created.accessKeyId);
});
