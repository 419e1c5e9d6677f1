import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSeed, generateSeed } from './sandbox';
import type { SandboxSeed } from './sandbox';
import { expect, test } from './fixtures';
import type { Page } from './fixtures';
import { openAuditAsAdmin } from './harness/starts';

// Every test here is an admin's: their key is kept on this computer, and they start on Audit
// signed in with it.
test.beforeEach(({ device }) => openAuditAsAdmin(device));

/** The person names in the table's body, top to bottom. */
function peopleInTable(page: Page) {
  return page.getByRole('table', { name: 'Everyone’s keys' }).locator('tbody th');
}

test('an admin runs the audit with progress, stops one, then sorts, filters and exports the result', async ({
  page,
  sandbox,
  platform,
  capture,
}) => {
  // Six captures, each with its accessibility check, and a run slowed on purpose: on a small,
  // busy machine that takes longer than an ordinary test is given.
  test.slow();
  await expect(page.getByText('No audit yet.')).toBeVisible();

  // Slow answers (seconds each), so the progress can be seen and the run stopped even on a busy
  // machine, where the screenshot and accessibility check take a while.
  sandbox.faults.setLatency(3000);
  await page.getByRole('button', { name: 'Run the audit' }).click();
  const progress = page.getByRole('progressbar', { name: /credential report/ });
  await expect(progress).toBeVisible();
  await capture('audit-1-progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Stopped.', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await capture('audit-2-stopped');

  sandbox.faults.setLatency(0);
  await page.getByRole('button', { name: 'Run the audit' }).click();
  const table = page.getByRole('table', { name: 'Everyone’s keys' });
  await expect(table).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('5 people', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('From AWS’s credential report')).toBeVisible();
  // Each flag is explained in words on the page, not in a tooltip.
  await expect(page.getByText('The key is turned off but still exists')).toBeVisible();
  await expect(page.locator('[title]')).toHaveCount(0);
  await capture('audit-3-result');

  // Sorting by a column heading, with the mouse and then the keyboard.
  const person = table.getByRole('columnheader', { name: 'Person' });
  await person.getByRole('button').click();
  await expect(person).toHaveAttribute('aria-sort', 'ascending');
  await expect(peopleInTable(page).first()).toHaveText('admin');
  await person.getByRole('button').press('Enter');
  await expect(person).toHaveAttribute('aria-sort', 'descending');
  await expect(peopleInTable(page).first()).toHaveText('nobody');
  await expect(table.getByRole('columnheader', { name: 'Age' })).not.toHaveAttribute(
    'aria-sort',
    /.*/,
  );

  // Filtering: one kind of flag, then a name.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('key-inactive');
  await expect(peopleInTable(page)).toHaveText(['bob']);
  await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
  await page.getByRole('searchbox', { name: 'Find a person' }).fill('ali');
  await expect(peopleInTable(page)).toHaveText(['alice']);
  await capture('audit-4-filtered');

  const file = path.join(platform.dataDir(), 'audit.csv');
  platform.answerNextSave(file);
  await page.getByRole('button', { name: 'Export as CSV…' }).click();
  await expect(page.getByText(`Saved to ${file}.`)).toBeVisible();
  const csv = readFileSync(file, 'utf8');
  expect(csv.split('\n')[0]).toContain('user,arn');
  for (const key of sandbox.state.accessKeys.values()) {
    expect(csv).not.toContain(key.secretAccessKey);
  }

  // Dark, then 200% zoom (550 × 380 CSS pixels): the page reflows; only the table scrolls sideways.
  await page.emulateMedia({ colorScheme: 'dark' });
  await capture('audit-5-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 550, height: 380 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await capture('audit-6-zoom-200');
  await page.setViewportSize({ width: 1100, height: 760 });

  // The result is still there after looking elsewhere.
  await page.getByRole('button', { name: 'My keys' }).click();
  await page.getByRole('button', { name: 'Audit' }).click();
  await expect(page.getByRole('table', { name: 'Everyone’s keys' })).toBeVisible();
});

/** The demo account plus 10,000 generated people (the generator makes 5,000 at a time). */
function largeSeed(): SandboxSeed {
  const demo = defaultSeed();
  const generated = [1, 2].flatMap((seed) =>
    generateSeed({ users: 5000, seed })
      .users.slice(1)
      .map((user) => ({ ...user, userName: `${String(seed)}.${user.userName}` })),
  );
  return { ...demo, users: [...demo.users, ...generated] };
}

test.describe('an account with 10,000 people', () => {
  // Ten thousand people take a while to seed and audit on a small, busy machine.
  test.slow();
  test.use({ sandboxOptions: { seed: largeSeed() } });

  test('the audit shows one page at a time, and sorting and filtering stay quick', async ({
    page,
    capture,
  }) => {
    await page.getByRole('button', { name: 'Run the audit' }).click();
    const table = page.getByRole('table', { name: 'Everyone’s keys' });
    await expect(table).toBeVisible({ timeout: 20_000 });
    // The visible count; its spoken copy (a status region) follows once it settles.
    await expect(page.getByText(/^Showing rows 1–50 of /).first()).toBeVisible();
    expect(await table.locator('tbody tr').count()).toBe(50);

    const age = table.getByRole('columnheader', { name: 'Age' });
    const started = Date.now();
    await age.getByRole('button').click();
    await expect(age).toHaveAttribute('aria-sort', 'descending');
    await page
      .getByRole('searchbox', { name: 'Find a person' })
      .pressSequentially('1.a', { delay: 10 });
    await expect(page.getByText(/that match \(out of/)).toBeVisible();
    expect(Date.now() - started).toBeLessThan(3000);

    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(/^Page 2 of /)).toBeVisible();
    await capture('audit-large-1-sorted');
  });
});
