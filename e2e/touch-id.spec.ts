import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { openScreen, tabTo } from './harness/ui';

// Touch ID itself exists only on a Mac; the test platform stands in for it (see TestPlatform).

test('on a Mac with Touch ID, copying a stored secret asks first, and Settings can turn that off', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  device.platform.touchIdAvailable = true;
  const card = await openWithKeptKey(device, 'alice', 'work');
  const copy = card.getByRole('button', { name: 'Copy secret' });

  device.platform.answerNextTouchId('refused');
  await copy.click();
  await expect(card.getByRole('alert')).toContainText(
    'The secret of “work” was not copied: Touch ID was not confirmed.',
  );
  expect(device.platform.clipboard).toBe('');
  expect(device.platform.touchIdReasons).toEqual(['copy the secret of your key “work”']);
  await capture('touch-id-1-refused');

  device.platform.answerNextTouchId('confirmed');
  await copy.click();
  await expect(card).toContainText('Copied. Clipboard clears in');
  expect(device.platform.clipboard).toBe(sandbox.credentialsFor('alice').secretAccessKey);

  await openScreen(page, 'Settings');
  const protection = page.getByRole('region', { name: 'How your stored keys are protected' });
  const ask = protection.getByRole('checkbox', {
    name: 'Ask for Touch ID before a stored key’s secret leaves the keychain',
  });
  await expect(ask).toBeChecked();
  await capture('touch-id-2-setting');
  await tabTo(page, ask);
  await page.keyboard.press('Space');
  await expect(page.getByRole('status', { name: 'Announcements' })).toHaveText(
    'Keyward no longer asks for Touch ID. The keychain still protects your keys.',
  );
  await expect(ask).not.toBeChecked();
  expect((await device.core.settings.read()).askTouchId).toBe(false);

  await openScreen(page, 'My keys');
  await card.getByRole('button', { name: 'Copy secret' }).click();
  await expect(card).toContainText('Copied. Clipboard clears in');
  expect(device.platform.touchIdReasons).toHaveLength(2);
});

test('without Touch ID, Settings says what protects stored keys, and asks nothing', async ({
  page,
  launch,
  capture,
}) => {
  await launch();
  await openScreen(page, 'Settings');
  const protection = page.getByRole('region', { name: 'How your stored keys are protected' });
  await expect(protection).toContainText(
    process.platform === 'linux' ? 'the Secret Service keyring' : 'Your stored keys are in',
  );
  await expect(protection.getByRole('checkbox')).toHaveCount(0);
  await capture('touch-id-3-elsewhere');
});
