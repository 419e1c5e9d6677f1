import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parseCsv } from '../electron/core/csv';
import type { Device } from './harness/device';
import { expect, test } from './fixtures';
import { goTo } from './harness/ui';

/**
 * alice's key kept as “work”, bob's as “bob-key”; both secrets copied, then bob's key removed.
 * Keyward opened on History; returns its table's rows (the header row first).
 */
async function openHistoryOfTwoKeys(device: Device) {
  await device.keepKeyOf('alice', 'work');
  await device.keepKeyOf('bob', 'bob-key');
  await device.core.deviceKeys.copySecret('work');
  await device.core.deviceKeys.copySecret('bob-key');
  await device.core.deviceKeys.remove('bob-key');
  await device.open();
  await goTo(device.page, 'History');
  await expect(device.page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
  return device.page.getByRole('table', { name: 'History, newest first' }).getByRole('row');
}

const filtersOf = (page: Page) => page.getByRole('form', { name: 'Filter the history' });

/** A local day `days` from today, as a date field takes it (YYYY-MM-DD). */
function dayIn(days: number): string {
  const today = new Date();
  const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  return [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
}

test('History shows what was done to keys on this computer, newest first', async ({
  page,
  device,
  capture,
}) => {
  const rows = await openHistoryOfTwoKeys(device);
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('Key removed from this computer');
  await expect(rows.nth(1)).toContainText('bob');
  await expect(rows.nth(3)).toContainText('Key secret copied');
  await expect(rows.nth(3)).toContainText('alice');
  await expect(rows.nth(3)).toContainText('this device');
  await expect(page.getByRole('button', { name: 'Show older activity' })).toHaveCount(0);
  await capture('history-1-log');
});

test('History filters by key name, by person and by days', async ({ page, device, capture }) => {
  const rows = await openHistoryOfTwoKeys(device);
  const filters = filtersOf(page);
  // By key name: the kept key “work” is alice's.
  await filters.getByRole('textbox', { name: 'Key' }).fill('work');
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('alice');
  // By person instead.
  await filters.getByRole('textbox', { name: 'Key' }).fill('');
  await filters.getByRole('textbox', { name: 'Person' }).fill('bob');
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'alice' })).toHaveCount(0);
  await capture('history-2-filtered');

  // A "to" day before the "from" day is refused; days after today match nothing.
  await filters.getByLabel('From').fill(dayIn(1));
  await filters.getByLabel('To').fill(dayIn(0));
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(filters.getByText('The “to” date is before the “from” date')).toBeVisible();
  await expect(filters.getByLabel('From')).toBeFocused();
  await filters.getByLabel('To').fill(dayIn(2));
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText('Nothing in the history matches these filters.')).toBeVisible();

  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);
  await expect(filters.getByRole('textbox', { name: 'Person' })).toHaveValue('');
});

test('History exports what the filters show as CSV, oldest first, with no secret in it', async ({
  page,
  device,
  sandbox,
  platform,
  capture,
}) => {
  const rows = await openHistoryOfTwoKeys(device);
  const filters = filtersOf(page);
  await filters.getByRole('textbox', { name: 'Person' }).fill('bob');
  await filters.getByLabel('From').fill(dayIn(0));
  await filters.getByLabel('To').fill(dayIn(0));
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(rows).toHaveCount(3);

  const file = path.join(platform.dataDir(), 'history-export.csv');
  platform.answerNextSave(file);
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toContainText(file);
  const csv = readFileSync(file, 'utf8');
  const records = parseCsv(csv);
  expect(records[0]).toEqual([
    'when_utc',
    'what',
    'action',
    'user',
    'access_key_id',
    'done_by',
    'detail',
  ]);
  expect(records.slice(1).map((record) => [record[1], record[3]])).toEqual([
    ['secret copied', 'bob'],
    ['removed from this computer', 'bob'],
  ]);
  for (const user of ['alice', 'bob']) {
    expect(csv).not.toContain(sandbox.credentialsFor(user).secretAccessKey);
  }
  await capture('history-3-exported');
});
