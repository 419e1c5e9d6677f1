import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { goTo, signInWithStoredKey } from './harness/ui';

const staffPlaces = ['My keys', 'Receive a key', 'Create a key', 'History', 'Settings'];
const adminPlaces = ['People’s keys', 'Keys for several people', 'Audit', 'AWS sign-in'];

test('staff see their five places; “I manage keys for other people” shows Admin, remembered until hidden', async ({
  page,
  device,
  capture,
}) => {
  await openWithKeptKey(device, 'alice', 'work');
  // A kept key: Keyward opens on My keys.
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  const main = page.getByRole('navigation', { name: 'Main' });
  await expect(main.getByRole('button')).toHaveText(staffPlaces.map((place) => new RegExp(place)));
  const admin = page.getByRole('navigation', { name: 'Admin' });
  await expect(admin).toHaveCount(0);
  await expect(page.getByText('Not signed in to AWS')).toHaveCount(0);
  const keychain = page.getByRole('status', { name: 'Keychain' });
  await expect(keychain).toHaveText('Keychain ready. Keys are kept in this computer’s keychain.');
  await capture('admin-section-1-staff');

  await page.getByRole('button', { name: 'I manage keys for other people', exact: true }).click();
  await expect(admin.getByRole('button')).toHaveText([...adminPlaces, 'Hide Admin']);
  await expect(admin.getByRole('button', { name: 'People’s keys' })).toBeFocused();
  await expect(admin.getByRole('region', { name: 'AWS sign-in' })).toHaveText(
    'Not signed in to AWS',
  );
  await expect(page.getByRole('status', { name: 'Announcements' })).toHaveText(
    'The Admin section is now in the sidebar.',
  );
  expect((await device.core.settings.read()).managesOthersKeys).toBe(true);
  await capture('admin-section-2-shown');

  // Remembered: the next time Keyward opens, the section is there.
  await page.reload();
  await expect(admin.getByRole('button', { name: 'Audit' })).toBeVisible();
  // Settings says the same, and Hide takes it away again.
  await goTo(page, 'Settings');
  await expect(
    page.getByRole('checkbox', { name: 'I manage keys for other people' }),
  ).toBeChecked();
  await admin.getByRole('button', { name: 'Hide Admin' }).click();
  await expect(admin).toHaveCount(0);
  await expect(
    page.getByRole('checkbox', { name: 'I manage keys for other people' }),
  ).not.toBeChecked();
  expect((await device.core.settings.read()).managesOthersKeys).toBe(false);
});

test('signing in to AWS shows the Admin section with the sign-in in it; signing out takes it away', async ({
  page,
  device,
  capture,
}) => {
  await openWithKeptKey(device, 'alice', 'work');
  await goTo(page, 'Create a key');
  await signInWithStoredKey(page, 'work');
  const admin = page.getByRole('navigation', { name: 'Admin' });
  await expect(admin.getByRole('region', { name: 'AWS sign-in' })).toContainText(
    'Signed in to AWS as alice',
  );
  await expect(admin.getByRole('button')).toHaveText([...adminPlaces, 'Sign out']);
  await capture('admin-section-3-signed-in');

  await admin.getByRole('button', { name: 'Sign out' }).click();
  // alice never said she manages keys for others: Admin goes with the sign-in.
  await expect(admin).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'I manage keys for other people' })).toBeVisible();
});
