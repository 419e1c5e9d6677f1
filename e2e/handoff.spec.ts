import { expect, test } from './fixtures';
import { openPersonAsAdmin } from './harness/starts';
import { chooseKeyFile } from './harness/ui';

test('an admin creates a key sealed to a colleague’s receiving code; the colleague opens it and Keyward verifies it', async ({
  page,
  device,
  sandbox,
  secondDevice,
  capture,
}) => {
  // The colleague's computer: they open "Receive a key" and send their receiving code.
  const staff = await secondDevice();
  await staff.open();
  await staff.page.getByRole('button', { name: 'I received a key file from my admin' }).click();
  await staff.page.getByRole('button', { name: 'Copy receiving code' }).click();
  await expect(staff.page.getByRole('button', { name: 'Copied' })).toBeVisible();
  await capture('handoff-0-staff-receiving-code', staff.page);
  const code = staff.platform.clipboard;
  expect(code).toMatch(/^age1[0-9a-z]{58}$/);
  const staffWords = (
    (await staff.page.getByText(/^Your code’s check words:/).textContent()) ?? ''
  ).replace(/^Your code’s check words:\s*/, '');
  expect(staffWords.split(' ')).toHaveLength(4);

  // The admin's computer.
  await openPersonAsAdmin(device, 'alice');
  await page.getByRole('button', { name: 'Create a key for alice' }).click();

  await expect(page.getByText('Create an access key for alice')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What will the key be used for?' })).toBeFocused();
  await page.getByRole('radio', { name: /A program or service outside AWS/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('textbox', { name: /Description/ }).fill('Backup tool');
  await page.getByRole('button', { name: 'Create the key' }).click();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
  // For a colleague, their receiving code comes first, and nothing is kept on this computer.
  await expect(page.getByRole('tab', { name: 'Their receiving code' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('button', { name: 'Keep in keychain' })).toHaveCount(0);

  const codeBox = page.getByRole('textbox', { name: 'Receiving code' });
  await codeBox.fill('age1-not-a-code');
  await page.getByRole('button', { name: 'Save sealed file…' }).click();
  await expect(page.getByText('is not a receiving code')).toBeVisible();
  await codeBox.fill(code);
  // The pasted code's check words, for alice to read hers back: a code changed on its way differs.
  await expect(page.getByRole('status').filter({ hasText: 'Check words:' })).toContainText(
    `Check words: ${staffWords.trim()}. Ask alice to read the check words under “Receive a key”`,
  );
  const file = `${device.platform.dataDir()}/alice_accessKeys.keyward`;
  device.platform.answerNextSave(file);
  await page.getByRole('button', { name: 'Save sealed file…' }).click();
  await expect(page.getByText(`Saved to ${file}`)).toBeVisible();
  expect(device.platform.dialogs.save.at(-1)?.defaultName).toBe('alice_accessKeys.keyward');
  await capture('handoff-1-admin-sealed');
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('heading', { name: 'All done' })).toBeVisible();
  await expect(page.getByText('They open it in Keyward with “Receive a key”.')).toBeVisible();
  await capture('handoff-2-admin-done');
  await page.getByRole('button', { name: 'Back to People’s keys' }).click();
  await expect(page.getByRole('article').filter({ hasText: 'Backup tool' })).toBeVisible();

  // The colleague opens the file; Keyward checks the key with AWS before keeping it.
  const created = sandbox.state.keysOf('alice').at(-1)!;
  await chooseKeyFile(staff, file);
  await expect(staff.page.getByText('Backup tool')).toBeVisible();
  await capture('handoff-3-staff-opened', staff.page);
  await staff.page.getByRole('button', { name: 'Check and keep the key' }).click();
  await expect(staff.page.getByText('Checked with AWS: the key works.')).toBeVisible();
  await expect(staff.page.getByText('It belongs to alice in AWS account')).toBeVisible();
  await capture('handoff-4-staff-done', staff.page);
  expect(await staff.profiles.get('alice')).toMatchObject({
    accessKeyId: created.accessKeyId,
    secretAccessKey: created.secretAccessKey,
    description: 'Backup tool',
  });
  // The admin's computer kept nothing of it.
  expect(await device.profiles.list()).toHaveLength(1);
});
