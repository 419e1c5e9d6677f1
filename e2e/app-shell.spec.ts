import { createCore } from '../electron/core/compose';
import { expect, expectAccessible, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { goTo, signInWithStoredKey } from './harness/ui';

test('without a working keychain, Keyward explains the cause and how to fix it, and tries again', async ({
  page,
  device,
  launch,
  capture,
}) => {
  device.keychain.break('no-secret-service');
  await launch();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Keyward cannot use this computer’s keychain' }),
  ).toBeVisible();
  await expect(page.getByText('No keychain service is running')).toBeVisible();
  await expect(page.getByText('install and unlock GNOME Keyring or KWallet')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Keychain' })).toContainText(
    'Keychain not available',
  );
  // Nothing else can work yet, so nothing else is offered.
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await capture('keychain-trouble-1');

  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText('No keychain service is running')).toBeVisible();
  device.keychain.repair();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'What would you like to do?' }),
  ).toBeVisible();
  await expect(page.getByRole('status', { name: 'Announcements' })).toHaveText(
    'The keychain works now.',
  );
  await expect(page.getByRole('status', { name: 'Keychain' })).toContainText('Keychain ready');
  await capture('keychain-trouble-2-fixed');
});

test('keys left without a secret by a crash are shown at start, with one-click deactivate and delete', async ({
  page,
  device,
  sandbox,
  launch,
  capture,
}) => {
  // An earlier run of Keyward on this computer created two keys and stopped before keeping them.
  await device.keepKeyOf('admin', 'admin-key');
  const earlier = createCore(device.platform, device.keychain);
  await earlier.session.signIn({ kind: 'stored-key', profile: 'admin-key' });
  const forAlice = await earlier.newKeys.create('alice', null);
  const forAuditor = await earlier.newKeys.create('auditor', null);
  await earlier.shutdown();

  await launch();
  await expect(page.getByRole('region', { name: '2 new keys were never saved' })).toBeVisible();
  const banners = page.getByRole('region', { name: /never saved/ }).getByRole('listitem');
  await expect(banners).toHaveCount(2);
  const alice = banners.filter({ hasText: 'alice' });
  await expect(alice).toContainText(forAlice.accessKeyId);
  await capture('lost-keys-1-banner');

  // Cleaning up needs AWS: not signed in yet, the banner says so and leads to sign-in.
  await alice.getByRole('button', { name: 'Delete the key' }).click();
  await expect(alice.getByRole('alert')).toContainText('You are not signed in to AWS yet.');
  await capture('lost-keys-2-needs-sign-in');
  await alice.getByRole('button', { name: 'Go to AWS sign-in' }).click();
  await signInWithStoredKey(page, 'admin-key');

  await alice.getByRole('button', { name: 'Delete the key' }).click();
  await expect(alice).toHaveCount(0);
  expect(sandbox.state.accessKeys.has(forAlice.accessKeyId)).toBe(false);
  const auditor = banners.filter({ hasText: 'auditor' });
  await expect(page.getByRole('region', { name: 'A new key was never saved' })).toBeVisible();
  await auditor.getByRole('button', { name: 'Deactivate it' }).click();
  await expect(page.getByRole('region', { name: /never saved/ })).toHaveCount(0);
  expect(sandbox.state.accessKeys.get(forAuditor.accessKeyId)?.status).toBe('Inactive');
  expect(await device.core.lostKeys.list()).toEqual([]);
  await capture('lost-keys-3-resolved');
});

test('follows the dark setting, reflows at 200% zoom, and can be used from the keyboard alone', async ({
  page,
  device,
  saveScreenshot,
}) => {
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await openWithKeptKey(device, 'alice', 'work', 120);
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  // The skip link is the first stop for keyboard users.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expectAccessible(page, 'dark my keys');
  await saveScreenshot('look-dark-my-keys');
  await page.getByRole('button', { name: 'Receive a key' }).click();
  await expect(page.getByLabel('Your receiving code', { exact: true })).not.toHaveValue('');
  await expectAccessible(page, 'dark receive');
  await saveScreenshot('look-dark-receive');

  // 200% zoom on a 1100 × 760 window leaves 550 × 380 CSS pixels: everything reflows, nothing
  // scrolls sideways.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 550, height: 380 });
  await page.getByRole('button', { name: 'My keys' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'zoomed my keys');
  await saveScreenshot('look-zoom-200-my-keys');
});

test('every screen says Keyward talks to a test server, not AWS, and Settings is one press away', async ({
  page,
  device,
  sandbox,
}) => {
  await openWithKeptKey(device, 'alice', 'work');
  const banner = page.getByRole('note', { name: 'Not AWS' });
  await expect(banner).toContainText(`every request goes to the test server ${sandbox.endpoint}`);
  await goTo(page, 'Receive a key');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Change in Settings' }).press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  // Settings names the address beside its field instead.
  await expect(banner).toHaveCount(0);
  await expect(page.getByText('not to AWS')).toBeVisible();
});
