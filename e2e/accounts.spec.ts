import { otherAccountSeed } from './sandbox';
import { expect, test } from './fixtures';
import { openPeopleAsAdmin } from './harness/starts';
import { goTo } from './harness/ui';

test.use({ sandboxOptions: { otherAccounts: [otherAccountSeed()] } });

test('an admin signs in to a second AWS account and switches between them without signing out', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  test.slow();
  const labs = await device.keepOtherAccountAdminKey();
  await openPeopleAsAdmin(device);
  await expect(page.getByRole('row', { name: /bob/ })).toBeVisible();

  await goTo(page, 'AWS sign-in');
  await page.getByRole('button', { name: 'Sign in to another AWS account…' }).click();
  const adding = page.getByRole('region', { name: 'Sign in to another AWS account' });
  await expect(adding).toContainText('You stay signed in to example-corp (123456789012)');
  await adding.getByRole('radio', { name: /^labs-admin\b/ }).check();
  await adding.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(adding).toBeHidden();

  // Both accounts are signed in; the new one is current, named by alias and id.
  const sidebar = page.getByRole('combobox', { name: 'Switch account' });
  await expect(sidebar).toHaveValue(labs.accountId);
  await expect(sidebar.getByRole('option')).toHaveText(['example-labs', 'example-corp']);
  await expect(
    page.getByRole('combobox', { name: 'Working in AWS account' }).getByRole('option'),
  ).toHaveText(['example-labs (210987654321), as admin', 'example-corp (123456789012), as admin']);
  await expect(page.getByRole('button', { name: 'Sign out of this account' })).toBeVisible();
  await capture('accounts-1-two-signed-in');

  // People's keys lists the current account's people: the list of the first one is forgotten.
  await goTo(page, 'People’s keys');
  await expect(page.getByRole('row', { name: /carol/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /bob/ })).toHaveCount(0);
  await expect(
    page.getByText('Everyone with an AWS user in account example-labs (210987654321).'),
  ).toBeVisible();
  await capture('accounts-2-people-in-second');

  // Back to the first account, by keyboard, from the sidebar: no sign-in asked for.
  await sidebar.focus();
  await sidebar.selectOption(sandbox.accountId);
  await expect(page.getByRole('row', { name: /bob/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /carol/ })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Announcements' })).toContainText(
    'Now working in account example-corp (123456789012), as admin.',
  );

  // Signing out of one leaves the other signed in.
  await goTo(page, 'AWS sign-in');
  await page.getByRole('button', { name: 'Sign out of this account' }).click();
  await expect(page.getByText('Signed in to AWS as')).toBeVisible();
  await expect(page.getByRole('complementary').or(page.locator('body'))).toContainText(
    'Account example-labs (210987654321)',
  );
  await expect(sidebar).toHaveCount(0);
  await capture('accounts-3-signed-out-of-one');
  expect(labs.state.findUser('carol')).toBeDefined();
});
