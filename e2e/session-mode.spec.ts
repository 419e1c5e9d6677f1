import { readFileSync } from 'node:fs';
import { sessionAccount } from '../electron/core/sessions/session-entry';
import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { keyActionByKeyboard, openCommandLineSetUp, openKeyMenu, tabTo } from './harness/ui';

test('keyboard only: a kept key is set up for 15-minute sessions, and its sessions forgotten', async ({
  page,
  device,
  awsFiles,
  capture,
}) => {
  const { keyboard } = page;
  const card = await openWithKeptKey(device, 'alice', 'work');
  // Kept but not yet used by the AWS command line: nothing is handed out, so no mode is shown.
  await expect(card).toContainText('AWS command line not set up');
  // Nothing offered on the card, nor under its "More".
  await expect(card.getByRole('button', { name: /Forget sessions/ })).toHaveCount(0);
  await expect(
    (await openKeyMenu(page, 'work')).getByRole('menuitem', { name: /Forget sessions/ }),
  ).toHaveCount(0);
  await page.keyboard.press('Escape');
  await keyActionByKeyboard(page, 'work', 'Use with the AWS command line…');
  const dialog = page.getByRole('dialog', { name: 'Use “work” with the AWS command line' });

  // A new set-up starts from short-lived sessions; alice's user has no MFA device.
  const sessions = dialog.getByRole('radio', { name: /Short-lived sessions \(recommended\)/ });
  await expect(sessions).toBeChecked();
  await expect(dialog).toContainText(
    'Only for tools that must manage IAM (users, keys, policies) without an MFA code. The key never expires by itself',
  );
  const device_ = dialog.getByRole('textbox', { name: /MFA device/ });
  await expect(dialog).toContainText(
    'Your AWS user has no MFA device, so sessions start without a code.',
  );
  await expect(device_).toHaveValue('');
  const length = dialog.getByRole('combobox', { name: 'Each session lasts' });
  await expect(length).toHaveValue('3600');
  await capture('session-1-choices');

  await tabTo(page, length);
  await keyboard.press('Home');
  await expect(length).toHaveValue('900');
  await tabTo(page, device_);
  await keyboard.press('Enter');

  await expect(dialog.getByText('Done: the AWS command line can now use “work”.')).toBeVisible();
  await expect(dialog).toContainText(
    'Sessions of 15 minutes, which end by themselves; the key itself stays in the keychain.',
  );
  expect((await device.core.deviceKeys.require('work')).use).toEqual({
    mode: 'session',
    durationSeconds: 900,
    mfaSerial: null,
  });
  expect(readFileSync(awsFiles.config, 'utf8')).toMatch(
    /credential_process = .*credential-process --profile work/,
  );
  await capture('session-2-done');
  await keyboard.press('Escape');
  await expect(card).toContainText('15-minute sessions');

  // A session the AWS CLI would have been given, kept in the keychain.
  await device.core.credentials.start('work', { code: null, prompt: null });
  expect(await device.keytar.get(sessionAccount('work'))).not.toBeNull();
  await keyActionByKeyboard(page, 'work', 'Forget sessions of “work”');
  const said = 'Forgot the sessions of “work”. The next AWS command starts a new one.';
  await expect(card).toContainText(said);
  await expect(page.getByRole('status', { name: 'Announcements' })).toHaveText(said);
  expect(await device.keytar.get(sessionAccount('work'))).toBeNull();
  await capture('session-3-forgotten');
});

test('the MFA device found on the user is offered; the long-term key is chosen knowing what it means', async ({
  page,
  device,
  sandbox,
  awsFiles,
  capture,
}) => {
  const card = await openWithKeptKey(device, 'admin', 'tools');
  const dialog = await openCommandLineSetUp(page, 'tools');
  const mfa = dialog.getByRole('textbox', { name: /MFA device/ });
  await expect(mfa).toHaveValue(sandbox.mfaDeviceOf('admin').serialNumber);
  await expect(dialog).toContainText('Keyward found this device on your AWS user.');
  await mfa.scrollIntoViewIfNeeded();
  await capture('session-4-device-found');

  // A device that is not one is explained where it was typed.
  await mfa.fill('my phone');
  await dialog.getByRole('button', { name: 'Set up the AWS command line' }).click();
  await expect(
    dialog.getByText('That is not an MFA device’s ARN.', { exact: false }),
  ).toBeVisible();
  await expect(mfa).toBeFocused();
  await expect(mfa).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByRole('radio', { name: /The long-term key/ }).check();
  await expect(mfa).toBeHidden();
  await capture('session-5-long-term');
  await dialog.getByRole('button', { name: 'Set up the AWS command line' }).click();
  await expect(dialog).toContainText('The long-term key itself, which never expires by itself.');
  expect((await device.core.deviceKeys.require('tools')).use).toMatchObject({
    mode: 'long-term',
    mfaSerial: null,
  });
  expect(readFileSync(awsFiles.config, 'utf8')).toContain('[profile tools]');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(card).toContainText('long-term key');
  // Nothing offered on the card, nor under its "More".
  await expect(card.getByRole('button', { name: /Forget sessions/ })).toHaveCount(0);
  await expect(
    (await openKeyMenu(page, 'tools')).getByRole('menuitem', { name: /Forget sessions/ }),
  ).toHaveCount(0);
  await page.keyboard.press('Escape');
});
