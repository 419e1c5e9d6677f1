import { defaultSeed, generateSeed } from './sandbox';
import type { SandboxSeed } from './sandbox';
import { expect, test } from './fixtures';
import { openPeopleAsAdmin, openPersonAsAdmin } from './harness/starts';
import { peopleCountLine, peopleRows, personRow } from './harness/ui';

test('an admin finds a person, deactivates and reactivates a key, and deletes one after typing its id', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  await openPeopleAsAdmin(device);
  const search = page.getByRole('searchbox', { name: 'Find a person' });
  await expect(peopleRows(page)).toHaveCount(5);
  await expect(peopleCountLine(page)).toHaveText('5 people');
  await capture('people-1-list');

  await search.fill('bob');
  await expect(peopleRows(page)).toHaveCount(1);
  await search.press('Enter');
  const heading = page.getByRole('heading', { level: 3, name: 'bob' });
  await expect(heading).toBeFocused();
  await expect(personRow(page, 'bob')).toHaveAttribute('aria-current', 'true');
  const [oldKey, ciKey] = sandbox.state.keysOf('bob');
  const ciCard = page.getByRole('article').filter({ hasText: ciKey!.accessKeyId });
  await expect(ciCard).toContainText('CI deploy');
  await expect(ciCard).toContainText('Active');
  const oldCard = page.getByRole('article').filter({ hasText: oldKey!.accessKeyId });
  await expect(oldCard).toContainText('with EC2 (servers) in us-west-2 (Oregon)');
  await capture('people-2-person');

  await ciCard.getByRole('button', { name: 'Deactivate' }).click();
  await expect(ciCard.getByRole('button', { name: 'Activate again' })).toBeVisible();
  expect(sandbox.state.accessKeys.get(ciKey!.accessKeyId)?.status).toBe('Inactive');
  await ciCard.getByRole('button', { name: 'Activate again' }).click();
  await expect(ciCard.getByRole('button', { name: 'Deactivate' })).toBeVisible();
  expect(sandbox.state.accessKeys.get(ciKey!.accessKeyId)?.status).toBe('Active');

  await ciCard.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this key for good?' });
  const typed = dialog.getByRole('textbox', { name: /To confirm, type the key ID/ });
  await expect(typed).toBeFocused();
  await expect(dialog).toContainText('CI deploy');
  await expect(dialog).toContainText('Never');
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  await expect(dialog.getByText('That is not the key ID.')).toBeVisible();
  await capture('people-3-delete-active-key');
  await typed.fill(ciKey!.accessKeyId);
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  await expect(dialog).toBeHidden();
  await expect(ciCard).toHaveCount(0);
  expect(sandbox.state.accessKeys.has(ciKey!.accessKeyId)).toBe(false);
});

test('offboarding deactivates, then deletes, all of a person’s keys in one action with a summary', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  const [oldKey, ciKey] = await openPersonAsAdmin(device, 'bob');

  await page.getByRole('button', { name: 'Offboard bob…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Offboard bob' });
  await expect(dialog.getByRole('radio', { name: /Deactivate all keys/ })).toBeChecked();
  await capture('people-offboard-1-choose');
  await dialog.getByRole('button', { name: 'Deactivate all keys' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText('Offboarding bob: 1 key deactivated, 1 key already deactivated.'),
  ).toBeVisible();
  expect(sandbox.state.accessKeys.get(ciKey!.accessKeyId)?.status).toBe('Inactive');
  await capture('people-offboard-2-deactivated');

  await page.getByRole('button', { name: 'Offboard bob…' }).click();
  await dialog.getByRole('radio', { name: /Delete all keys/ }).check();
  await dialog.getByRole('button', { name: 'Delete all keys' }).click();
  await expect(dialog.getByText('Type the user name exactly as shown.')).toBeVisible();
  await dialog.getByRole('textbox', { name: /type the user name/ }).fill('bob');
  await capture('people-offboard-3-delete');
  await dialog.getByRole('button', { name: 'Delete all keys' }).click();
  await expect(page.getByText('Offboarding bob: 2 keys deleted.')).toBeVisible();
  await expect(page.getByText('bob has no access keys.')).toBeVisible();
  expect(sandbox.state.keysOf('bob')).toEqual([]);
  expect(sandbox.state.accessKeys.has(oldKey!.accessKeyId)).toBe(false);
  await capture('people-offboard-4-summary');
});

/** The demo account plus 10,000 generated people: more than one page of 1,000, many times over. */
function largeSeed(): SandboxSeed {
  const demo = defaultSeed();
  const names = new Set(demo.users.map((user) => user.userName));
  const generated = [1, 2].flatMap((seed) =>
    generateSeed({ users: 5000, seed })
      .users.slice(1)
      .map((user) => ({ ...user, userName: `${String(seed)}.${user.userName}` })),
  );
  const extra = generated.filter((user) => !names.has(user.userName));
  return { ...demo, users: [...demo.users, ...extra] };
}

test.describe('an account with 10,000 people', () => {
  test.use({ sandboxOptions: { seed: largeSeed() } });

  test('the first page shows at once, typing filters without asking AWS again, and the list stays small', async ({
    page,
    device,
    sandbox,
    capture,
  }) => {
    const total = sandbox.state.users.size;
    expect(total).toBeGreaterThanOrEqual(10_000);
    await openPeopleAsAdmin(device);
    await expect(peopleRows(page).first()).toBeVisible();
    await expect(peopleCountLine(page)).toHaveText(`${total.toLocaleString('en-US')} people`, {
      timeout: 20_000,
    });
    const listCalls = sandbox.stats.calls('ListUsers');
    expect(listCalls).toBe(Math.ceil(total / 1000));
    // Only the rows in view (and a few around them) are in the page.
    expect(await peopleRows(page).count()).toBeLessThan(60);
    await capture('people-large-1-loaded');

    const search = page.getByRole('searchbox', { name: 'Find a person' });
    await search.pressSequentially('zoe.n', { delay: 20 });
    await expect(page.getByText(/ matches among /)).toBeVisible();
    expect(sandbox.stats.calls('ListUsers')).toBe(listCalls);
    await search.press('ArrowDown');
    await expect(peopleRows(page).first()).toBeFocused();
    await page.keyboard.press('End');
    const grid = page.getByRole('grid', { name: 'People' });
    const count = await grid.getAttribute('aria-rowcount');
    const last = grid.locator('[role="row"][aria-rowindex="' + String(count) + '"]');
    await expect(last).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(last).toHaveAttribute('aria-current', 'true');
    await capture('people-large-2-filtered');
  });
});
