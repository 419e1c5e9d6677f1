import { expect, test } from './fixtures';
import { actionsTaken, startCountingActions } from './harness/action-count';
import { createKeyForColleague, openWithKeptKey } from './harness/starts';
import { goTo, signInWithStoredKey } from './harness/ui';

test('a staff member’s own new key is kept in the keychain as it appears: created and kept in at most 7 actions', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  await openWithKeptKey(device, 'alice');
  await startCountingActions(page);

  await goTo(page, 'Create a key');
  await signInWithStoredKey(page, 'alice-key');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Create the key' }).click();

  const main = page.getByRole('main');
  await expect(main.getByText('Kept in this computer’s keychain as “work”')).toBeVisible();
  // Created and kept: keeping it took no action of its own.
  expect(await actionsTaken(page)).toBeLessThanOrEqual(7);
  await expect(main.getByRole('button', { name: 'Rename…' })).toBeVisible();
  // The encrypted copy is a second, optional way; the one main button is Finish.
  await expect(main.getByRole('heading', { name: /Also save an encrypted copy/ })).toBeVisible();
  await expect(main.getByRole('button', { name: 'Save encrypted file…' })).toHaveClass(/secondary/);
  await expect(main.getByRole('button', { name: 'Finish' })).toBeEnabled();
  await capture('keep-safe-1-own-kept');
  await main.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('heading', { name: 'All done' })).toBeVisible();

  const created = sandbox.state.keysOf('alice').at(-1)!;
  expect((await device.profiles.get('work'))?.accessKeyId).toBe(created.accessKeyId);
  expect(device.core.newKeys.held()).toEqual([]);
});

test('the key name and description are tidied as typed: “my work key”, “<CLI>”', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  await openWithKeptKey(device, 'alice');
  await goTo(page, 'Create a key');
  await signInWithStoredKey(page, 'alice-key');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const description = page.getByRole('textbox', { name: /Description/ });
  await description.fill('<CLI>');
  await expect(page.getByText('Will be saved as: “CLI”')).toBeVisible();
  await page.getByRole('button', { name: 'Create the key' }).click();
  const main = page.getByRole('main');
  await expect(main.getByText('Kept in this computer’s keychain as “work”')).toBeVisible();
  const created = sandbox.state.keysOf('alice').at(-1)!;
  expect(
    sandbox.state.findUser('alice')?.tags.find((tag) => tag.Key === created.accessKeyId)?.Value,
  ).toBe('CLI');

  await main.getByRole('button', { name: 'Rename…' }).click();
  const name = main.getByRole('textbox', { name: 'New key name' });
  await expect(name).toBeFocused();
  await name.fill('my work key');
  await expect(main.getByText('Will be saved as: my-work-key')).toBeVisible();
  await main.getByRole('button', { name: 'Save name' }).click();
  await expect(main.getByText('Kept in this computer’s keychain as “my-work-key”')).toBeFocused();
  await capture('keep-safe-2-own-renamed');
  expect(await device.profiles.get('work')).toBeNull();
  expect((await device.profiles.get('my-work-key'))?.accessKeyId).toBe(created.accessKeyId);
});

test('an admin’s key for a colleague goes in a key file, never in this keychain; Finish waits for it', async ({
  page,
  device,
  capture,
}) => {
  await createKeyForColleague(device, 'alice');
  const main = page.getByRole('main');
  const byCode = main.getByRole('tab', { name: 'Their receiving code' });
  const byPassphrase = main.getByRole('tab', { name: 'A passphrase file' });
  await expect(byCode).toHaveAttribute('aria-selected', 'true');
  await expect(main.getByRole('textbox', { name: 'Receiving code' })).toBeVisible();
  await expect(main.getByRole('button', { name: 'Keep in keychain' })).toHaveCount(0);
  await expect(main.getByText(/does not keep it on this one/)).toBeVisible();
  await capture('keep-safe-3-colleague-code');

  const finish = main.getByRole('button', { name: 'Finish' });
  await expect(finish).toBeDisabled();
  await expect(finish).toHaveAccessibleDescription(
    'Finish is possible once a key file for alice is saved.',
  );
  await capture('keep-safe-5-finish-disabled');

  // The arrow keys move between the tabs, as in any tab list.
  await byCode.focus();
  await page.keyboard.press('ArrowRight');
  await expect(byPassphrase).toBeFocused();
  await expect(byPassphrase).toHaveAttribute('aria-selected', 'true');
  await capture('keep-safe-4-colleague-passphrase');
  device.platform.answerNextSave(`${device.platform.dataDir()}/alice.keyward`);
  await main.getByRole('button', { name: 'Save encrypted file…' }).click();
  // scrypt takes seconds, many more on a busy machine.
  await expect(main.getByText('Write this passphrase down now')).toBeVisible({ timeout: 30_000 });
  await expect(finish).toBeEnabled();
  await finish.click();
  await expect(page.getByRole('heading', { name: 'All done' })).toBeVisible();
  // The admin's computer keeps only the admin's own key.
  expect((await device.profiles.list()).map((kept) => kept.name)).toEqual(['admin-key']);
});
