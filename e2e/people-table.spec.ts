import { expect, test } from './fixtures';
import type { Device } from './harness/device';
import { openAuditAsAdmin, openPeopleAsAdmin } from './harness/starts';
import { goTo, peopleCountLine, peopleRows, personRow, tabTo } from './harness/ui';

/**
 * Holds IAM's credential report back until released, as a large account's report takes AWS a
 * while: the table can be seen with its names and nothing else yet.
 */
function holdCredentialReport(device: Device): () => void {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  device.core.session.signedIn().clients.iam.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetCredentialReportCommand') await held;
      return next(args);
    },
    { step: 'initialize', name: 'keywardTestHoldCredentialReport' },
  );
  return release;
}

test('the People table shows names at once, fills each person’s keys, sorts and filters from the keyboard, and opens a person with Enter', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  // Four screenshots, each checked by axe, on a shared machine.
  test.slow();
  // Signed in elsewhere first; then the names come at once, every column waiting for the report.
  await openAuditAsAdmin(device);
  const release = holdCredentialReport(device);
  await goTo(page, 'People’s keys');
  const bob = personRow(page, 'bob');
  await expect(peopleRows(page)).toHaveCount(5);
  await expect(bob.getByRole('gridcell', { name: 'loading' })).toHaveCount(4);
  await capture('people-table-1-first-page');

  // IAM is still making the report: the first screenful is read person by person meanwhile.
  await expect(bob).toContainText('1 active, 1 inactive');
  await expect(bob).toContainText('120 days');
  await expect(bob).toContainText('Older than 90 days');
  await expect(personRow(page, 'alice')).toContainText('1 active');
  expect(sandbox.stats.calls('ListAccessKeys')).toBe(5);
  release();
  await expect(page.getByText(/Keys as AWS reported them at/)).toBeVisible();
  await expect(peopleCountLine(page)).toHaveText('5 people');
  // Each person was read once: the report filled nobody twice.
  expect(sandbox.stats.calls('ListAccessKeys')).toBe(5);
  await capture('people-table-2-columns-filled');

  // Sorting from the keyboard: the heading's button, then Enter.
  const grid = page.getByRole('grid', { name: 'People' });
  const oldest = grid.getByRole('columnheader', { name: 'Oldest active key' });
  await tabTo(page, oldest.getByRole('button'));
  await page.keyboard.press('Enter');
  await expect(oldest).toHaveAttribute('aria-sort', 'descending');
  const names = peopleRows(page).getByRole('rowheader');
  // A row's heading is the name, then the IAM path when there is one.
  const inOrder = (...userNames: string[]) => userNames.map((name) => new RegExp(`^${name}\\b`));
  await expect(names).toHaveText(inOrder('alice', 'admin', 'bob', 'auditor', 'nobody'));
  await page.keyboard.press('Enter');
  await expect(oldest).toHaveAttribute('aria-sort', 'ascending');
  await expect(names).toHaveText(inOrder('nobody', 'auditor', 'bob', 'admin', 'alice'));
  await page.keyboard.press('Enter');

  const search = page.getByRole('searchbox', { name: 'Find a person' });
  await search.fill('i');
  await expect(names).toHaveText(inOrder('alice', 'admin', 'auditor'));
  await expect(grid).toHaveAttribute('aria-rowcount', '4');
  await capture('people-table-3-sorted-filtered');

  // Down into the table, down again, Enter: that person's keys, with focus on their name.
  await search.press('ArrowDown');
  await expect(personRow(page, 'alice')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(personRow(page, 'admin')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: 'admin' })).toBeFocused();
  await expect(personRow(page, 'admin')).toHaveAttribute('aria-current', 'true');

  // Ticking people offers keys for all of them at once.
  const createFor = page.getByRole('button', { name: /^Create keys for/ });
  await expect(createFor).toHaveCount(0);
  await personRow(page, 'alice').getByRole('checkbox', { name: 'Tick alice' }).check();
  await expect(createFor).toHaveText('Create keys for 1 person');
  await personRow(page, 'admin').focus();
  await page.keyboard.press('Space');
  await expect(personRow(page, 'admin').getByRole('checkbox')).toBeChecked();
  await expect(createFor).toHaveText('Create keys for 2 people');
  await page.getByRole('button', { name: 'Clear the ticks' }).click();
  await expect(createFor).toHaveCount(0);
  await search.fill('');

  // 200% zoom on a 1100 × 760 window (550 × 380 CSS pixels): nothing scrolls sideways, the
  // flags stay in view, and each key's age and last use wait in the person's keys below.
  await page.setViewportSize({ width: 550, height: 380 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const flags = grid.getByRole('columnheader', { name: 'Flags' });
  await flags.scrollIntoViewIfNeeded();
  await expect(flags).toBeInViewport({ ratio: 1 });
  await expect(grid.getByRole('columnheader', { name: 'Oldest active key' })).toBeHidden();
  await bob.scrollIntoViewIfNeeded();
  await expect(bob.getByText('Older than 90 days', { exact: true })).toBeInViewport({ ratio: 1 });
  await capture('people-table-4-zoom-200');
  await page.setViewportSize({ width: 1100, height: 760 });
});

test('ticking people and pressing "Create keys for 2 people" opens Keys for several people with them', async ({
  page,
  device,
}) => {
  await openPeopleAsAdmin(device);
  await personRow(page, 'alice').getByRole('checkbox', { name: 'Tick alice' }).check();
  await personRow(page, 'bob').getByRole('checkbox', { name: 'Tick bob' }).check();
  await page.getByRole('button', { name: 'Create keys for 2 people' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Keys for several people' }),
  ).toBeVisible();
  const people = page.getByRole('table', { name: /The people who get a key/ });
  await expect(people.getByRole('rowheader')).toHaveText(['alice', 'bob']);
});
