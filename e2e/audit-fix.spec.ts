import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { openAuditAsAdmin } from './harness/starts';

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
