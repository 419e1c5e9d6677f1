import { readFileSync } from 'node:fs';
import path from 'node:path';
import { otherAccountSeed } from './sandbox';
import { expect, test } from './fixtures';
import { openAuditAsAdmin } from './harness/starts';
import { goTo, signInToAnotherAccount } from './harness/ui';

test.use({ sandboxOptions: { otherAccounts: [otherAccountSeed()] } });

test('an admin audits two signed-in accounts at once, and deactivates a key in the other one from its row', async ({
  page,
  device,
  sandbox,
  platform,
  capture,
}) => {
  // Two sign-ins, an audit of both, a capture and a CSV: longer than an ordinary test.
  test.slow();
  const labs = await device.keepOtherAccountAdminKey();
  await openAuditAsAdmin(device);
  // With one account signed in, there is nothing to choose.
  await expect(page.getByRole('group', { name: 'Which accounts to audit' })).toHaveCount(0);

  await signInToAnotherAccount(page);
  // Back to the first account: the audit of both does not need the other to be current.
  await page.getByRole('combobox', { name: 'Switch account' }).selectOption(sandbox.accountId);
  await goTo(page, 'Audit');

  const scope = page.getByRole('group', { name: 'Which accounts to audit' });
  await expect(scope.getByRole('radio', { name: /^This account only/ })).toBeChecked();
  await scope.getByRole('radio', { name: 'All signed-in accounts (2)' }).check();
  await page.getByRole('button', { name: 'Run the audit' }).click();
  const table = page.getByRole('table', { name: 'Everyone’s keys' });
  await expect(table).toBeVisible();

  await expect(page.getByRole('heading', { name: '2 accounts at a glance' })).toBeVisible();
  const each = page.getByRole('list', { name: 'Each account' });
  await expect(each.getByRole('listitem')).toHaveText([
    /^example-corp \(123456789012\): 5 people, 6 keys: /,
    /^example-labs \(210987654321\): 2 people, 2 keys: /,
  ]);
  await expect(table.getByRole('columnheader', { name: 'Account' })).toBeVisible();
  const carol = table
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: 'carol' }) });
  await expect(carol).toContainText('example-labs (210987654321)');

  // Sorting and filtering by account, as by any other column.
  const account = table.getByRole('columnheader', { name: 'Account' });
  await account.getByRole('button').click();
  await expect(account).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('combobox', { name: 'Account', exact: true }).selectOption(labs.accountId);
  await expect(table.locator('tbody th')).toHaveText(['admin', 'carol']);
  await capture('accounts-4-audit-two-accounts');

  // carol's key is in example-labs: it is changed there, with that account's sign-in.
  const corpBefore = sandbox.state.keysOf('admin').map((key) => key.status);
  await carol.getByRole('button', { name: /^Deactivate key .* of carol in example-labs/ }).click();
  await expect(carol.getByRole('button', { name: /^Activate key .* of carol/ })).toBeVisible();
  expect(labs.state.keysOf('carol').map((key) => key.status)).toEqual(['Inactive']);
  expect(sandbox.state.keysOf('admin').map((key) => key.status)).toEqual(corpBefore);
  await expect(page.getByRole('combobox', { name: 'Switch account' })).toHaveValue(
    sandbox.accountId,
  );

  const file = path.join(platform.dataDir(), 'two-accounts.csv');
  platform.answerNextSave(file);
  await page.getByRole('button', { name: 'Export as CSV…' }).click();
  await expect(page.getByText(`Saved to ${file}.`)).toBeVisible();
  const csv = readFileSync(file, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toMatch(/,account_id,account_alias$/);
  expect(csv).toMatch(/\ncarol,.*,210987654321,example-labs\r?\n/);

  // Switching account keeps an audit of both: each row still names (and acts in) its account.
  await page.getByRole('combobox', { name: 'Switch account' }).selectOption(labs.accountId);
  await goTo(page, 'Audit');
  await expect(page.getByRole('heading', { name: '2 accounts at a glance' })).toBeVisible();
  await expect(carol).toContainText('example-labs (210987654321)');
});
