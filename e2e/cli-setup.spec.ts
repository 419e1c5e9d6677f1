import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import type { Page } from './fixtures';
import { openCommandLineSetUpBesideOwnSettings, openWithKeptKey } from './harness/starts';

/** The banner that offers to repair command line set-ups that no longer find Keyward. */
const repairBanner = (page: Page) =>
  page.getByRole('region', { name: 'The AWS command line can no longer find Keyward' });

test('a kept key is set up for the AWS command line without a plaintext file, and removed again', async ({
  device,
  awsFiles,
  capture,
}) => {
  const {
    ownSettings: original,
    card,
    dialog,
  } = await openCommandLineSetUpBesideOwnSettings(device, awsFiles);
  await expect(dialog).toContainText('The secret is never written into a file.');
  const region = dialog.getByRole('textbox', { name: /Default region/ });
  await expect(region).toHaveValue('us-east-1');
  await region.fill('Atlantis');
  await dialog.getByRole('button', { name: 'Set up the AWS command line' }).click();
  await expect(dialog.getByText('That is not an AWS region name.')).toBeVisible();
  await expect(region).toBeFocused();
  await capture('cli-1-explained');

  await region.fill('eu-west-1');
  await region.press('Enter');
  await expect(dialog.getByText('Done: the AWS command line can now use “work”.')).toBeVisible();
  await expect(dialog).toContainText(awsFiles.config);
  await expect(dialog).toContainText(`${awsFiles.config}.keyward-backup`);
  await expect(dialog.getByText('aws sts get-caller-identity --profile work')).toBeVisible();
  await dialog.getByRole('button', { name: 'Copy the command' }).click();
  await expect
    .poll(() => device.platform.clipboard)
    .toBe('aws sts get-caller-identity --profile work');
  await capture('cli-2-done');

  const written = readFileSync(awsFiles.config, 'utf8');
  expect(written.startsWith(original)).toBe(true);
  expect(written).toContain('[profile work]');
  expect(written).toMatch(/credential_process = .*credential-process --profile work/);
  expect(written).toContain('region = eu-west-1');
  expect(written).not.toContain('aws_secret_access_key');
  expect(readFileSync(`${awsFiles.config}.keyward-backup`, 'utf8')).toBe(original);

  await dialog.getByRole('button', { name: 'Remove it from the command line’s settings' }).click();
  await expect(
    dialog.getByText('Removed: the AWS command line no longer gets “work” from Keyward.'),
  ).toBeVisible();
  expect(readFileSync(awsFiles.config, 'utf8')).toBe(original);
  await capture('cli-3-removed');
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Focus goes back to where the dialog was opened: the card's "More" menu button.
  await expect(card.getByRole('button', { name: /^More/ })).toBeFocused();
});

test('after Keyward was moved, the window offers to repair the AWS CLI set-up and repairs it', async ({
  page,
  device,
  awsFiles,
  capture,
}) => {
  const others = '[profile other]\nregion = eu-west-1\n';
  writeFileSync(
    awsFiles.config,
    `${others}\n[profile work]\ncredential_process = "/tmp/.mount_KeywarGone/keyward" credential-process --profile work\n`,
  );
  await openWithKeptKey(device, 'alice', 'work');
  const banner = repairBanner(page);
  await expect(banner).toContainText('work');
  await capture('cli-repair-offered');
  await banner.getByRole('button', { name: 'Repair the command line set-up' }).press('Enter');
  const repaired = page.getByRole('region', { name: 'The AWS command line finds Keyward again' });
  await expect(repaired).toContainText('Repaired: “work”.');
  // The button is gone; focus stays in the banner, on what happened, not on the page itself.
  await expect(repaired.getByText('Repaired: “work”.')).toBeFocused();
  await expect(page.getByRole('status', { name: 'Announcements' })).toContainText('Repaired');
  const text = readFileSync(awsFiles.config, 'utf8');
  expect(text).not.toContain('.mount_KeywarGone');
  expect(text).toMatch(/credential_process = .*bin\/keyward" credential-process --profile work/);
  expect(text.startsWith(others)).toBe(true);
});

test('a repair that cannot fix one set-up fixes the others and says which one is left and why', async ({
  page,
  device,
  awsFiles,
}) => {
  await device.keepKeyOf('auditor', 'audit');
  const gone = '"/tmp/.mount_KeywarGone/keyward" credential-process --profile';
  writeFileSync(
    awsFiles.config,
    `[profile audit]\ncredential_process = ${gone} audit\n\n[profile work]\ncredential_process = ${gone} work\n\n[profile ghost]\ncredential_process = ${gone} ghost\n`,
  );
  // The AWS CLI would prefer this plaintext key to Keyward: that set-up cannot be repaired.
  writeFileSync(
    awsFiles.credentials,
    '[work]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\n',
  );
  await openWithKeptKey(device, 'alice', 'work');
  const banner = repairBanner(page);
  // "ghost" is no key kept here: repairing its line could not make it work, so it is not offered.
  await expect(banner).toContainText('audit, work.');
  await banner.getByRole('button', { name: 'Repair the command line set-up' }).click();
  await expect(banner).toContainText('Repaired: “audit”. Not repaired: “work”.');
  await expect(banner.getByRole('alert')).toContainText(
    '“work”: Your AWS credentials file still holds',
  );
  const text = readFileSync(awsFiles.config, 'utf8');
  expect(text).not.toContain(`${gone} audit`);
  expect(text).toContain(`${gone} work`);
  expect(text).toContain(`${gone} ghost`);
});
