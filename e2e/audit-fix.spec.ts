import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { openAuditAsAdmin } from './harness/starts';
import { tabTo } from './harness/ui';

test.beforeEach(({ device }) => openAuditAsAdmin(device));

test('an admin deactivates the keys unused for 90 days from the audit, after a preview and a typed number', async ({
  page,
  sandbox,
  platform,
  capture,
}) => {
  await page.getByRole('button', { name: 'Run the audit' }).click();
  await expect(page.getByRole('table', { name: 'Everyone’s keys' })).toBeVisible();
  const bobNew = sandbox.state.keysOf('bob')[1]?.accessKeyId ?? '';

  await page.getByRole('button', { name: 'Deactivate 1 key unused for 90+ days…' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Deactivate keys not used for 90+ days' }),
  ).toBeVisible();
  // The same dialog is titled "Deactivate: results" once the keys are done.
  const dialog = page.getByRole('dialog');
  const keys = dialog.getByRole('table', { name: 'Keys that will change' });
  await expect(keys.locator('tbody tr')).toHaveCount(1);
  await expect(keys.locator('tbody tr')).toContainText(['bob']);
  await expect(keys).toContainText(bobNew);
  const go = dialog.getByRole('button', { name: 'Deactivate 1 key' });
  await expect(go).toBeDisabled();
  await dialog.getByLabel('To deactivate 1 key, type 1').fill('1');
  await expect(go).toBeEnabled();
  await capture('audit-fix-1-preview');

  await go.click();
  await expect(page.getByRole('dialog', { name: 'Deactivate: results' })).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Result for each key' })).toContainText('Done');
  expect(sandbox.state.keysOf('bob').map((key) => key.status)).toEqual(['Inactive', 'Inactive']);
  expect(sandbox.state.keysOf('admin').map((key) => key.status)).toEqual(['Active']);
  const file = path.join(platform.dataDir(), 'changed.csv');
  platform.answerNextSave(file);
  await dialog.getByRole('button', { name: 'Save a CSV of what changed…' }).click();
  await expect(dialog.getByText(`Saved to ${file}.`)).toBeVisible();
  expect(readFileSync(file, 'utf8')).toContain(`bob,${bobNew},deactivate,done`);
  await capture('audit-fix-2-results');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  // The audit shows what the fix changed, without running it again: bob's key can be activated,
  // and there is nothing left to deactivate.
  const table = page.getByRole('table', { name: 'Everyone’s keys' });
  await expect(table.getByRole('button', { name: /^Activate key .* of bob$/ })).toHaveCount(2);
  await expect(table.getByRole('button', { name: /^Deactivate key .* of bob$/ })).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: 'Deactivate 0 keys unused for 90+ days…' }),
  ).toBeDisabled();

  // 200% zoom (550 × 380 CSS pixels): the summary is in plain words without timings, and every
  // Flags cell lies fully inside the window.
  await expect(page.getByText(/^\d+ people, \d+ keys: /)).toBeVisible();
  await expect(page.getByText(/seconds\.|requests? to AWS/)).toHaveCount(0);
  await page.setViewportSize({ width: 550, height: 380 });
  const outside = await page.evaluate(
    () =>
      [...document.querySelectorAll('td.flags')].filter((cell) => {
        const box = cell.getBoundingClientRect();
        return box.left < 0 || box.right > document.documentElement.clientWidth;
      }).length,
  );
  expect(outside).toBe(0);
  await capture('audit-fix-3-summary-zoom-200');
});

test('an admin deactivates one key and deletes another from their audit rows', async ({
  page,
  sandbox,
  capture,
}) => {
  await page.getByRole('button', { name: 'Run the audit' }).click();
  const table = page.getByRole('table', { name: 'Everyone’s keys' });
  await expect(table).toBeVisible();
  const aliceKey = sandbox.state.keysOf('alice')[0]?.accessKeyId ?? '';

  // bob's one active key: the credential report does not name it, its row does the looking up.
  await table.getByRole('button', { name: /^Deactivate key .* of bob$/ }).click();
  await expect(table.getByRole('button', { name: /^Activate key .* of bob$/ })).toHaveCount(2);
  await expect(table.getByRole('button', { name: /^Deactivate key .* of bob$/ })).toHaveCount(0);
  expect(sandbox.state.keysOf('bob').map((key) => key.status)).toEqual(['Inactive', 'Inactive']);
  // The summary follows the row: no key of bob is counted as never used any more.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('key-inactive');
  await expect(table.locator('tbody th')).toHaveText(['bob', 'bob']);
  await page.getByRole('combobox', { name: 'Show' }).selectOption('all');

  await table.getByRole('button', { name: /^Delete… key .* of alice$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this key for good?' });
  await expect(dialog).toContainText(aliceKey);
  const remove = dialog.getByRole('button', { name: 'Delete key' });
  await expect(remove).not.toHaveAttribute('aria-disabled', 'true');
  await remove.click();
  await expect(dialog.getByText('That is not the key ID.', { exact: false })).toBeVisible();
  expect(sandbox.state.keysOf('alice')).toHaveLength(1);
  await dialog.getByLabel(/To confirm, type the key ID/).fill(aliceKey);
  await capture('audit-fix-4-delete-from-row');
  await remove.click();
  await expect(dialog).toBeHidden();
  expect(sandbox.state.keysOf('alice')).toHaveLength(0);
  const alice = table
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: 'alice' }) });
  await expect(alice).toContainText('No keys');
  await expect(page.getByRole('heading', { name: 'Everyone’s keys' })).toBeFocused();
});

test('the bulk-fix dialog works from the keyboard: Escape changes nothing, a wrong number keeps focus', async ({
  page,
  sandbox,
}) => {
  await page.getByRole('button', { name: 'Run the audit' }).click();
  await expect(page.getByRole('table', { name: 'Everyone’s keys' })).toBeVisible();
  const before = sandbox.state.keysOf('bob').map((key) => key.status);
  const open = page.getByRole('button', { name: 'Deactivate 1 key unused for 90+ days…' });

  await page.getByLabel('Active keys not used for (days)', { exact: true }).focus();
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Deactivate keys not used for 90+ days' });
  await expect(dialog.getByRole('table', { name: 'Keys that will change' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  expect(sandbox.state.keysOf('bob').map((key) => key.status)).toEqual(before);

  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('table', { name: 'Keys that will change' })).toBeVisible();
  const typed = dialog.getByLabel('To deactivate 1 key, type 1');
  await tabTo(page, typed);
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(typed).toBeFocused();
  await expect(typed).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('That is not 1.', { exact: false })).toBeVisible();
  expect(sandbox.state.keysOf('bob').map((key) => key.status)).toEqual(before);

  await page.keyboard.press('Backspace');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Deactivate: results' })).toBeVisible();
  expect(sandbox.state.keysOf('bob').map((key) => key.status)).toEqual(['Inactive', 'Inactive']);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  // Nothing is left to deactivate, so its button is disabled: focus goes to its days field.
  await expect(
    page.getByRole('button', { name: 'Deactivate 0 keys unused for 90+ days…' }),
  ).toBeDisabled();
  await expect(page.getByLabel('Active keys not used for (days)', { exact: true })).toBeFocused();
});
