import { expect, test } from './fixtures';
import { openPersonAsAdmin } from './harness/starts';

test('an admin edits a key’s description; a character AWS refuses is left out, shown before saving', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  const [, ciKey] = await openPersonAsAdmin(device, 'bob');
  const card = page.getByRole('article').filter({ hasText: ciKey!.accessKeyId });
  await expect(card.getByRole('heading', { name: 'CI deploy' })).toBeVisible();

  await card.getByRole('button', { name: 'Edit description…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Describe this key' });
  const text = dialog.getByRole('textbox', { name: 'Description' });
  await expect(text).toBeFocused();
  await expect(text).toHaveValue('CI deploy');
  await text.fill('Nightly deploy <prod>');
  await expect(dialog.getByText('Will be saved as: “Nightly deploy prod”')).toBeVisible();
  await capture('describe-1-tidied');

  // What main or AWS refuses comes back as words, in the dialog, and nothing is lost.
  for (let n = 1; n <= 5; n++) sandbox.faults.failNth('TagUser', n, 'error');
  await text.fill('Nightly deploy: prod');
  await text.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('AWS had a problem on its side');
  await expect(text).toHaveValue('Nightly deploy: prod');
  await text.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('heading', { name: 'Nightly deploy: prod' })).toBeVisible();
  const tag = () =>
    sandbox.state.findUser('bob')?.tags.find((t) => t.Key === ciKey!.accessKeyId)?.Value;
  expect(tag()).toBe('Nightly deploy: prod');

  // What is saved is what the field showed: the characters AWS refuses left out.
  await card.getByRole('button', { name: 'Edit description…' }).click();
  await text.fill('<Nightly> deploy');
  await dialog.getByRole('button', { name: 'Save description' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('heading', { name: 'Nightly deploy', exact: true })).toBeVisible();
  expect(tag()).toBe('Nightly deploy');

  // An empty description removes it.
  await card.getByRole('button', { name: 'Edit description…' }).click();
  await text.fill('');
  await dialog.getByRole('button', { name: 'Save description' }).click();
  await expect(card.getByRole('heading', { name: 'Key without a description' })).toBeVisible();
  expect(tag()).toBeUndefined();
  await capture('describe-2-removed');
});
