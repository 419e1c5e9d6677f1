import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { openScreen } from './harness/ui';

test('a region is found by its place or its code, and saved as the code', async ({
  page,
  device,
  capture,
}) => {
  await openWithKeptKey(device, 'alice', 'work');
  await openScreen(page, 'Settings');
  const region = page.getByRole('textbox', { name: 'AWS region' });
  const matching = page.getByRole('list', { name: 'Matching regions' });

  // The place as the app itself prints it: no need to know the code.
  await region.fill('Ireland');
  await expect(page.getByText('Will be saved as: Europe (Ireland) — eu-west-1')).toBeVisible();
  await expect(matching.getByRole('button')).toHaveText(['Europe (Ireland) — eu-west-1']);
  await capture('region-1-found-by-name');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect((await device.core.settings.read()).region).toBe('eu-west-1');

  // Lower case, a city, or a few letters and a pick from the list do as well.
  await region.fill('dublin');
  await expect(page.getByText('Will be saved as: Europe (Ireland) — eu-west-1')).toBeVisible();
  await region.fill('frank');
  await matching.getByRole('button', { name: 'Europe (Frankfurt) — eu-central-1' }).click();
  await expect(region).toHaveValue('eu-central-1');
  await expect(region).toBeFocused();
  await expect(matching).toHaveCount(0);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect.poll(async () => (await device.core.settings.read()).region).toBe('eu-central-1');
});
