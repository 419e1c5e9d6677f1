import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { goTo } from './harness/ui';

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

test('the activity log shows what was done to keys on this computer, newest first', async ({
  page,
  device,
  launch,
  capture,
}) => {
  await device.keepKeyOf('alice', 'work');
  await device.core.deviceKeys.copySecret('work');
  await device.core.deviceKeys.remove('work');
  await launch();

  await goTo(page, 'Activity');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Activity on this computer' }),
  ).toBeVisible();
  const rows = page.getByRole('table', { name: 'Activity, newest first' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Key removed from this computer');
  await expect(rows.nth(1)).toContainText('alice');
  await expect(rows.nth(2)).toContainText('Key secret copied');
  await expect(rows.nth(2)).toContainText('this device');
  await expect(page.getByRole('button', { name: 'Show older activity' })).toHaveCount(0);
  await capture('activity-1-log');
});
