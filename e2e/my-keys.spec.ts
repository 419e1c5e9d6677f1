import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';

test('kept keys show whose they are and their age; old keys say what to do; copy and remove work', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  await device.core.settings.update({ clipboardSeconds: 5 });
  await device.keepKeyOf('bob', 'old-ci', 200);
  const alice = sandbox.credentialsFor('alice');
  const work = await openWithKeptKey(device, 'alice', 'work', 3);

  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  const old = page.getByRole('article', { name: 'old-ci' });
  await expect(work).toContainText('alice');
  await expect(work).toContainText(sandbox.accountId);
  await expect(work).toContainText('3 days old');
  await expect(work).not.toContainText('Time to replace this key');
  await expect(old).toContainText('200 days old');
  await expect(old).toContainText('Older than 90 days');
  await expect(old).toContainText('Time to replace this key.');
  await expect(page.getByText('One key is older than 90 days.')).toBeVisible();

  await work.getByRole('button', { name: 'Copy key ID' }).click();
  expect(device.platform.clipboard).toBe(alice.accessKeyId);
  await work.getByRole('button', { name: 'Copy secret' }).click();
  await expect(work.getByText(/Clipboard clears in \d s/)).toBeVisible();
  expect(device.platform.clipboard).toBe(alice.secretAccessKey);
  expect(await page.content()).not.toContain(alice.secretAccessKey);
  await capture('my-keys-1-list');
  await expect(work.getByText(/Clipboard clears in/)).toBeHidden({ timeout: 8000 });
  await expect.poll(() => device.platform.clipboard, { timeout: 3000 }).toBe('');

  await old.getByRole('button', { name: 'Remove from this computer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove “old-ci” from this computer?' });
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await capture('my-keys-2-remove');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(old).toHaveCount(0);
  expect(await device.profiles.get('old-ci')).toBeNull();
  // Removing from this computer does not touch the key in AWS.
  expect(sandbox.state.keysOf('bob')).toHaveLength(2);
});

test('with no key kept yet, My keys points to receiving or creating one', async ({
  page,
  launch,
  capture,
}) => {
  await launch();
  await page.getByRole('button', { name: 'My keys' }).click();
  await expect(page.getByText('No keys on this computer yet')).toBeVisible();
  await capture('my-keys-empty');
  await page.getByRole('main').getByRole('button', { name: 'Receive a key' }).click();
  await expect(page.getByRole('heading', { name: 'Get a key from your admin' })).toBeFocused();
});
