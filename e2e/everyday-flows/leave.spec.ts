import { expect, test } from '../fixtures';
import { createKeyForColleague, readyToCreateOwnKey } from '../harness/starts';
import { goTo } from '../harness/ui';

/** AWS answers this slowly while a test acts in the middle of a call to it. */
const slowAwsMs = 3000;

// Each test waits out a slow answer from AWS on purpose.
test.describe.configure({ timeout: 90_000 });

test('pressing Escape or Go back while the new key is being deleted neither stops the deletion nor keeps the deleted key', async ({
  page,
  device,
  sandbox,
}) => {
  const created = await createKeyForColleague(device, 'alice');

  await goTo(page, 'Settings');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('not saved yet');
  sandbox.faults.setLatency(slowAwsMs);
  await dialog.getByRole('button', { name: 'Delete the key and leave' }).click();

  // Neither way out of the dialog works while the deletion runs: the person stays in it, and it
  // says what is happening.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('Deleting the key…');
  const goBack = dialog.getByRole('button', { name: 'Go back and keep it safe' });
  await expect(goBack).toBeDisabled();
  await goBack.click({ force: true });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('Deleting the key…');
  // Nor can the screen behind keep the key that is being deleted.
  await page.getByRole('button', { name: 'Save sealed file…' }).click({ force: true });
  await expect(dialog.getByRole('status')).toContainText('Deleting the key…');

  // Then the deletion ends where the person asked to go, and nothing kept the deleted key.
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(dialog).toBeHidden();
  sandbox.faults.setLatency(0);
  expect(sandbox.state.accessKeys.has(created.accessKeyId)).toBe(false);
  const kept = await device.profiles.list();
  expect(kept.map((profile) => profile.accessKeyId)).not.toContain(created.accessKeyId);
});

test('reloading the window while the key is still being created shows the new key to keep safe', async ({
  page,
  device,
  sandbox,
}) => {
  await readyToCreateOwnKey(device, 'alice');
  sandbox.faults.setLatency(slowAwsMs);
  await page.getByRole('button', { name: 'Create the key' }).click();
  await expect(page.getByRole('button', { name: 'Creating the key…' })).toBeVisible();

  // The browser may ask before unloading; the reload goes ahead.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();

  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible({
    timeout: 30_000,
  });
  sandbox.faults.setLatency(0);
  const created = sandbox.state.keysOf('alice').at(-1)!;
  expect(created.accessKeyId).not.toBe((await device.profiles.get('alice-key'))?.accessKeyId);
  await expect(page.getByText(created.accessKeyId)).toBeVisible();
  await page.getByRole('button', { name: 'Keep in keychain' }).click();
  await expect(page.getByRole('status', { name: 'Announcements' })).toContainText(
    'Kept in this computer’s keychain',
  );
  const kept = await device.profiles.list();
  expect(kept.map((profile) => profile.accessKeyId)).toContain(created.accessKeyId);
});
