import { expect, test } from './fixtures';
import { openWithKeptKey } from './harness/starts';
import { openScreen } from './harness/ui';

test('settings say what is wrong as they are typed, and saved limits apply at once', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  const card = await openWithKeptKey(device, 'alice', 'work', 40);
  await expect(card).not.toContainText('Older than');

  await openScreen(page, 'Settings');
  const region = page.getByRole('textbox', { name: 'AWS region' });
  const seconds = page.getByRole('textbox', { name: /Clear a copied secret after/ });
  const days = page.getByRole('textbox', { name: /Warn about keys older than/ });
  const endpoint = page.getByRole('textbox', { name: /Test server address/ });
  await expect(region).toHaveValue('us-east-1');
  await expect(seconds).toHaveValue('30');
  await expect(days).toHaveValue('90');
  // The e2e device talks to the sandbox, and the screen says so.
  await expect(endpoint).toHaveValue(sandbox.endpoint);
  await expect(page.getByText('not to AWS')).toBeVisible();
  await capture('settings-1');

  await region.fill('Atlantis');
  await seconds.fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Type an AWS region name, such as us-east-1')).toBeVisible();
  await expect(page.getByText('Type a whole number of seconds from 5 to 600.')).toBeVisible();
  await expect(region).toBeFocused();
  await expect(region).toHaveAttribute('aria-invalid', 'true');
  await capture('settings-2-problems');

  await region.fill('eu-west-1');
  await seconds.fill('45');
  await days.fill('30');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(await device.core.settings.read()).toEqual({
    region: 'eu-west-1',
    endpoint: sandbox.endpoint,
    clipboardSeconds: 45,
    staleKeyDays: 30,
  });

  await page.getByRole('button', { name: 'My keys' }).click();
  await expect(card).toContainText('Older than 30 days');
});
