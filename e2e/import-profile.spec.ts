import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { plaintextSection } from './harness/aws-files';
import { tabTo } from './harness/ui';

const title = 'Move a key from your AWS files into the keychain';

test('keyboard only: a key written in plain text in the AWS files moves into the keychain from My keys', async ({
  page,
  device,
  sandbox,
  awsFiles,
  launch,
  capture,
}) => {
  const bob = sandbox.credentialsFor('bob');
  const temporary = `[session]\naws_access_key_id = ASIA${'A'.repeat(16)}\naws_secret_access_key = ${'b'.repeat(40)}\naws_session_token = abc\n`;
  writeFileSync(awsFiles.credentials, `${plaintextSection('legacy', bob)}\n${temporary}`);
  writeFileSync(awsFiles.config, '[profile legacy]\nregion = eu-west-1\n');
  await device.keepKeyOf('alice', 'work');
  await launch();
  const { keyboard } = page;

  const opener = page.getByRole('button', { name: `${title}…` });
  await tabTo(page, opener);
  await keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: title });
  const legacy = dialog.getByRole('radio', { name: /^legacy/ });
  await expect(legacy).toBeChecked();
  // One that cannot move says why, in the import's own words, and cannot be chosen.
  await expect(dialog.getByRole('radio', { name: /^session/ })).toBeDisabled();
  await expect(dialog).toContainText('holds temporary credentials');
  await expect(dialog).toContainText(`It keeps the key in this computer’s keychain as “legacy”`);
  await expect(dialog).toContainText(`It removes the plaintext lines from ${awsFiles.credentials}`);
  expect(await page.content()).not.toContain(bob.secretAccessKey);
  await capture('import-1-choose');

  await tabTo(page, dialog.getByRole('button', { name: 'Move into the keychain' }));
  await keyboard.press('Enter');
  await expect(dialog).toContainText(
    `Moved ${bob.accessKeyId} (arn:aws:iam::${sandbox.accountId}:user/bob) into the keychain as “legacy”.`,
  );
  await expect(dialog).toContainText(`the plaintext lines are gone from ${awsFiles.credentials}`);
  // Focus moves to what happened, so a screen reader reads it next.
  expect(
    await page.evaluate(() => document.activeElement?.textContent.includes('Moved') ?? false),
  ).toBe(true);
  await capture('import-2-done');

  const credentials = readFileSync(awsFiles.credentials, 'utf8');
  expect(credentials).not.toContain(bob.secretAccessKey);
  expect(credentials).toContain('[session]');
  expect(readFileSync(awsFiles.config, 'utf8')).toMatch(
    /credential_process = .*credential-process --profile legacy/,
  );
  expect((await device.profiles.require('legacy')).accessKeyId).toBe(bob.accessKeyId);

  await tabTo(page, dialog.getByRole('button', { name: 'Close' }));
  await keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(page.getByRole('article', { name: 'legacy' })).toBeVisible();
});

test('a key already kept under another name is not kept twice, and the file stays as it was', async ({
  page,
  device,
  sandbox,
  awsFiles,
  launch,
}) => {
  const bob = sandbox.credentialsFor('bob');
  const credentials = plaintextSection('legacy', bob);
  writeFileSync(awsFiles.credentials, credentials);
  await device.keepKeyOf('bob', 'bob-ci');
  await launch();

  await page.getByRole('button', { name: `${title}…` }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: 'Move into the keychain' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    `The key ${bob.accessKeyId} is already kept in the keychain as “bob-ci”`,
  );
  expect(readFileSync(awsFiles.credentials, 'utf8')).toBe(credentials);
  expect(await device.profiles.get('legacy')).toBeNull();
});
