import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';

// A keychain entry Keyward cannot read was hidden from My keys, while the error reading it said
// to remove it. It is now listed as damaged, by name and what is wrong, and can be removed.
test('a damaged keychain entry is listed by name and what is wrong, and can be removed', async ({
  page,
  device,
  capture,
}) => {
  // Two screenshots, each with an accessibility check: more than half a minute on a busy machine.
  test.slow();
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYDAMAGEDKEY';
  // Written straight into the real keychain, as a crash or another program could leave it.
  await device.keytar.set('profile:broken', JSON.stringify({ secretAccessKey: secret }));
  await device.keytar.set('session:work', '{"sessions": "are not keys"}');
  const work = await openWithKeptKey(device, 'alice', 'work');

  const damaged = page.getByRole('article', { name: 'broken', exact: true });
  await expect(damaged).toContainText('Damaged');
  await expect(damaged).toContainText('the key ID is missing');
  await expect(work).toBeVisible();
  // Session entries are not keys: nothing else is listed.
  await expect(page.getByRole('article')).toHaveCount(2);
  expect(await page.content()).not.toContain(secret);
  await capture('damaged-1-listed');

  await damaged.getByRole('button', { name: /^Remove this damaged entry/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove the damaged entry “broken”?' });
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(damaged).toHaveCount(0);
  await expect(work).toBeVisible();
  expect(await device.keytar.get('profile:broken')).toBeNull();
  expect(await device.profiles.get('work')).not.toBeNull();
  await capture('damaged-2-removed');
});
