import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { keyAction, replaceKeptKey } from './harness/ui';

test('a kept key is replaced in one go; a stop part-way can be undone, and the replacement finished', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  const card = await openWithKeptKey(device, 'alice', 'work', 200);
  const oldKeyId = sandbox.credentialsFor('alice').accessKeyId;
  await expect(card.getByText('Time to replace this key.')).toBeVisible();

  // AWS refuses to turn the old key off, again and again: the rotation stops after the switch.
  for (let n = 1; n <= 5; n++) sandbox.faults.failNth('UpdateAccessKey', n, 'error');
  await keyAction(page, 'work', 'Replace this key…');
  const dialog = page.getByRole('dialog', { name: 'Replace “work” with a new key' });
  await expect(dialog.getByRole('radio', { name: /After 7 days/ })).toBeChecked();
  await expect(dialog).toContainText('You do not need to sign in to AWS first');
  await capture('rotate-1-explained');
  sandbox.faults.setLatency(150);
  await dialog.getByRole('button', { name: 'Replace the key' }).click();
  await expect(
    dialog.getByText(/Replacing the key… AWS can take up to half a minute/),
  ).toBeVisible();
  await capture('rotate-1b-working');
  sandbox.faults.setLatency(0);

  const stopped = card.getByRole('heading', { name: 'Replacing this key stopped part-way' });
  await expect(stopped).toBeFocused({ timeout: 20_000 });
  await expect(dialog).toBeHidden();
  await expect(card).toContainText('Switch “work” to the new key — done');
  await expect(card).toContainText('Turn the old key off — stopped before this step');
  const firstNewKey = sandbox.state.keysOf('alice').find((key) => key.accessKeyId !== oldKeyId)!;
  expect((await device.profiles.get('work'))?.accessKeyId).toBe(firstNewKey.accessKeyId);
  await capture('rotate-2-stopped');

  await card.getByRole('button', { name: 'Go back to the old key' }).click();
  await expect(card.getByText('Back to the old key.')).toBeVisible();
  await expect(card.getByRole('heading', { name: /stopped part-way/ })).toHaveCount(0);
  expect((await device.profiles.get('work'))?.accessKeyId).toBe(oldKeyId);
  expect(sandbox.state.accessKeys.has(firstNewKey.accessKeyId)).toBe(false);

  await replaceKeptKey(page, 'work');
  await expect(card.getByText('Replaced.')).toBeVisible({ timeout: 20_000 });
  const stored = await device.profiles.get('work');
  const newKeyId = stored!.accessKeyId;
  expect(newKeyId).not.toBe(oldKeyId);
  expect(sandbox.state.accessKeys.get(newKeyId)?.status).toBe('Active');
  expect(sandbox.state.accessKeys.get(oldKeyId)?.status).toBe('Inactive');
  expect(stored!.secretAccessKey).toBe(sandbox.state.accessKeys.get(newKeyId)?.secretAccessKey);
  await expect(card).toContainText(`now uses the new key ${newKeyId}`);
  await expect(card).toContainText(`The old key, ${oldKeyId}, is turned off.`);
  await expect(card.getByText('Time to replace this key.')).toHaveCount(0);

  // The kept key is the new one, and AWS accepts it.
  await keyAction(page, 'work', 'Check with AWS');
  await expect(card.getByText('Yes: AWS accepts it, and it is active.')).toBeVisible();
  await capture('rotate-3-done');
  await page.emulateMedia({ colorScheme: 'dark' });
  await capture('rotate-4-done-dark');
});

test('with two keys already, the other key is named and removed first when the person agrees', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  const [otherKey, keptKey] = sandbox.state.keysOf('bob');
  // A kept key that AWS no longer accepts says so when checked.
  await device.keepKeyOf('nobody', 'contractor', 10);
  sandbox.state.accessKeys.get(sandbox.credentialsFor('nobody').accessKeyId)!.status = 'Inactive';
  const card = await openWithKeptKey(device, 'bob', 'ci', 120);

  const contractor = page.getByRole('article', { name: 'contractor' });
  await keyAction(page, 'contractor', 'Check with AWS');
  await expect(contractor.getByText('This key no longer works.')).toBeVisible();
  await expect(contractor.getByText('Not working')).toBeVisible();

  await replaceKeptKey(page, 'ci', { rightAway: true });

  const limit = page.getByRole('dialog', { name: 'First, make room for the new key' });
  await expect(limit).toContainText('bob already has two access keys');
  await expect(limit.getByRole('article').filter({ hasText: otherKey!.accessKeyId })).toContainText(
    'delete this key to make room',
  );
  await expect(limit.getByRole('article').filter({ hasText: keptKey!.accessKeyId })).toContainText(
    'Kept here as “ci”',
  );
  await capture('rotate-limit-1-two-keys');
  await limit.getByRole('button', { name: /^Delete AKIA.* and replace$/ }).click();

  await expect(card.getByText('Replaced.')).toBeVisible({ timeout: 20_000 });
  await expect(limit).toBeHidden();
  const keys = sandbox.state.keysOf('bob');
  expect(keys).toHaveLength(1);
  expect(keys[0]!.accessKeyId).not.toBe(keptKey!.accessKeyId);
  expect((await device.profiles.get('ci'))?.accessKeyId).toBe(keys[0]!.accessKeyId);
  await expect(card).toContainText(`To make room, Keyward first deleted ${otherKey!.accessKeyId}.`);
  await expect(card).toContainText(`The old key, ${keptKey!.accessKeyId}, was deleted.`);
  await capture('rotate-limit-2-done');
});
