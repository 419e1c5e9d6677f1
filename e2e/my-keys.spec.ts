import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { keyAction, openKeyMenu } from './harness/ui';

test('kept keys show whose they are and their age; old keys say what to do; copy and remove work', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  await device.core.settings.update({ clipboardSeconds: 5 });
  await device.keepKeyOf('bob', 'old-ci', 200);
  const alice = sandbox.credentialsFor('alice');
  const work = await openWithKeptKey(device, 'alice', 'work', 3);

  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  const old = page.getByRole('article', { name: 'old-ci' });
  await expect(work).toContainText('alice');
  await expect(work).toContainText(sandbox.accountId);
  await expect(work).toContainText('3 days old');
  await expect(work).not.toContainText('Time to replace this key');
  await expect(old).toContainText('200 days old');
  await expect(old).toContainText('Older than 90 days');
  await expect(old).toContainText('Time to replace this key.');
  await expect(page.getByText('One key is older than 90 days.')).toBeVisible();

  await work.getByRole('button', { name: 'Copy key ID' }).click();
  expect(device.platform.clipboard).toBe(alice.accessKeyId);
  await work.getByRole('button', { name: 'Copy secret' }).click();
  await expect(work.getByText(/Clipboard clears in \d s/)).toBeVisible();
  expect(device.platform.clipboard).toBe(alice.secretAccessKey);
  expect(await page.content()).not.toContain(alice.secretAccessKey);
  await capture('my-keys-1-list');
  await expect(work.getByText(/Clipboard clears in/)).toBeHidden({ timeout: 8000 });
  await expect.poll(() => device.platform.clipboard, { timeout: 3000 }).toBe('');

  await keyAction(page, 'old-ci', 'Remove from this computer…');
  const dialog = page.getByRole('dialog', { name: 'Remove “old-ci” from this computer?' });
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await capture('my-keys-2-remove');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(old).toHaveCount(0);
  expect(await device.profiles.get('old-ci')).toBeNull();
  // Removing from this computer does not touch the key in AWS.
  expect(sandbox.state.keysOf('bob')).toHaveLength(2);
});

test('with no key kept yet, My keys points to receiving or creating one', async ({
  page,
  launch,
  capture,
}) => {
  await launch();
  await page.getByRole('button', { name: 'My keys' }).click();
  await expect(page.getByText('No keys on this computer yet')).toBeVisible();
  await capture('my-keys-empty');
  await page.getByRole('main').getByRole('button', { name: 'Receive a key' }).click();
  await expect(page.getByRole('heading', { name: 'Get a key from your admin' })).toBeFocused();
});

test('a key card offers the one next step its key needs, the rest under More, and one “Copied” at a time', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  // Three cards and four accessibility checks: more than the default half minute on a busy machine.
  test.slow();
  await device.keepKeyOf('bob', 'old-ci', 200);
  await device.keepKeyOf('nobody', 'contractor', 10);
  sandbox.state.accessKeys.get(sandbox.credentialsFor('nobody').accessKeyId)!.status = 'Inactive';
  const work = await openWithKeptKey(device, 'alice', 'work', 3);
  const old = page.getByRole('article', { name: 'old-ci' });
  const contractor = page.getByRole('article', { name: 'contractor' });

  // All is well: no badge, no next step; copy buttons beside the key ID and the secret.
  await expect(work.locator('.badge')).toHaveCount(0);
  await expect(work.getByRole('button')).toHaveText([/Copy/, /Copy/, /More/]);
  await work.scrollIntoViewIfNeeded();
  await capture('key-card-1-all-well');

  // An old key: one badge, one reason, one primary button.
  await expect(old.locator('.badge')).toHaveText(['Older than 90 days']);
  await expect(old.getByRole('button', { name: 'Replace this key…' })).not.toHaveClass(/secondary/);
  await old.scrollIntoViewIfNeeded();
  await capture('key-card-2-old');

  // AWS rejects a key: "Fix…" explains, and neither copying its secret nor replacing it is offered.
  await keyAction(page, 'contractor', 'Check with AWS');
  await expect(contractor.getByText('This key no longer works.')).toBeVisible();
  await expect(contractor.locator('.badge')).toHaveText(['Not working']);
  await expect(contractor.getByRole('button', { name: 'Copy secret' })).toBeDisabled();
  await expect(contractor).toContainText('Not offered: AWS does not accept this key.');
  const menu = await openKeyMenu(page, 'contractor');
  await expect(menu.getByRole('menuitem', { name: /Replace/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(contractor.getByRole('button', { name: /^More/ })).toBeFocused();
  await contractor.scrollIntoViewIfNeeded();
  await capture('key-card-3-rejected');
  await contractor.getByRole('button', { name: 'Fix…' }).click();
  const fix = page.getByRole('dialog', { name: 'Fix “contractor”' });
  await expect(fix).toContainText('Ask your admin for a new key');
  await fix.getByRole('button', { name: 'Close' }).click();

  // The More menu: arrow keys move, Escape closes and gives focus back to its button.
  const more = await openKeyMenu(page, 'work');
  await expect(work.getByRole('button', { name: /^More/ })).toHaveAttribute(
    'aria-haspopup',
    'menu',
  );
  await expect(more.getByRole('menuitem')).toHaveText([
    'Replace this key…',
    'Use with the AWS command line…',
    /Check with AWS/,
    'Send to my other computer…',
    'Remove from this computer…',
  ]);
  await expect(more.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(
    more.getByRole('menuitem', { name: 'Use with the AWS command line…' }),
  ).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(more.getByRole('menuitem', { name: 'Remove from this computer…' })).toBeFocused();
  await capture('key-card-4-more-menu');
  await page.keyboard.press('Escape');
  await expect(more).toBeHidden();
  await expect(work.getByRole('button', { name: /^More/ })).toBeFocused();

  // One "Copied" at a time across the list: the clipboard holds one thing.
  await work.getByRole('button', { name: 'Copy secret' }).click();
  await expect(work.getByText(/Clipboard clears in \d+ s/)).toBeVisible();
  await old.getByRole('button', { name: 'Copy key ID' }).click();
  await expect(page.getByText(/Copied/)).toHaveCount(1);
  await expect(old.getByRole('button', { name: /Copied/ })).toBeVisible();
  await expect(work.getByText(/Clipboard clears in/)).toHaveCount(0);
  await work.getByRole('button', { name: 'Copy key ID' }).click();
  await expect(page.getByText(/Copied/)).toHaveCount(1);
  await expect(work.getByRole('button', { name: /Copied/ })).toBeVisible();
});
