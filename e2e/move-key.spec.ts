import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { chooseKeyFile, keyAction } from './harness/ui';

test('a kept key is sent to my other computer sealed to its receiving code, and opens there', async ({
  page,
  device,
  sandbox,
  secondDevice,
  capture,
}) => {
  test.slow();
  const alice = sandbox.credentialsFor('alice');
  // The other computer: Keyward open there, its receiving code (what its Receive screen shows).
  const other = await secondDevice();
  await other.open();
  const code = await other.core.handoff.receivingCode();

  await openWithKeptKey(device, 'alice', 'work');
  await keyAction(page, 'work', 'Send to my other computer…');
  const dialog = page.getByRole('dialog', { name: 'Send “work” to my other computer' });
  await expect(dialog.getByRole('radio', { name: /receiving code \(recommended\)/ })).toBeChecked();
  const save = dialog.getByRole('button', { name: 'Save the key file…' });
  await expect(save).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Receiving code' }).fill(code);
  await capture('move-key-1-choose');

  const file = `${device.platform.dataDir()}/work.keyward`;
  device.platform.answerNextSave(file);
  await save.click();
  await expect(dialog.getByText(`Saved to ${file}`)).toBeVisible({ timeout: 20_000 });
  expect(device.platform.dialogs.save.at(-1)?.defaultName).toBe('work.keyward');
  await capture('move-key-2-sealed');
  // Sealed: the secret is in no readable form in the file, nor on the page.
  expect(readFileSync(file, 'utf8')).not.toContain(alice.secretAccessKey);
  expect(await page.content()).not.toContain(alice.secretAccessKey);
  await dialog.getByRole('button', { name: 'Done' }).click();
  const [entry] = await device.core.activity.recent(1);
  expect(entry).toMatchObject({
    action: 'key.sent-to-other-computer',
    accessKeyId: alice.accessKeyId,
  });

  // The other computer opens it as any key file; Keyward checks it with AWS before keeping it.
  await other.page.getByRole('button', { name: 'Receive a key' }).first().click();
  await chooseKeyFile(other, file);
  await other.page.getByRole('button', { name: 'Check and keep the key' }).click();
  await expect(other.page.getByText('Checked with AWS: the key works.')).toBeVisible({
    timeout: 20_000,
  });
  await capture('move-key-3-opened-there', other.page);
  const [kept] = await other.profiles.list();
  expect(kept?.accessKeyId).toBe(alice.accessKeyId);
  expect((await other.profiles.get(kept?.name ?? ''))?.secretAccessKey).toBe(alice.secretAccessKey);
  // Sent, not moved away: this computer keeps it too.
  expect(await device.profiles.get('work')).not.toBeNull();
});

test('a kept key is sent with a passphrase Keyward makes up and shows once', async ({
  page,
  device,
  capture,
}) => {
  test.slow();
  await openWithKeptKey(device, 'alice', 'work');
  await keyAction(page, 'work', 'Send to my other computer…');
  const dialog = page.getByRole('dialog', { name: 'Send “work” to my other computer' });
  await dialog.getByRole('radio', { name: /passphrase/ }).check();
  await expect(dialog.getByRole('textbox', { name: 'Receiving code' })).toHaveCount(0);
  const file = `${device.platform.dataDir()}/work.keyward`;
  device.platform.answerNextSave(file);
  await dialog.getByRole('button', { name: 'Save the key file…' }).click();
  await expect(dialog.getByText('Write this passphrase down now')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.locator('code')).toHaveText(/^[a-z]+(-[a-z0-9]+){5,}$/);
  await capture('move-key-2-passphrase');
});
