import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as base } from './fixtures';

interface AwsFiles {
  config: string;
  credentials: string;
}

/**
 * The AWS CLI's shared files, moved to a temporary folder for this test: main reads
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE when it writes, in this very process.
 */
const test = base.extend<{ awsFiles: AwsFiles }>({
  awsFiles: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyward-aws-'));
    const files = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
    const before = {
      config: process.env['AWS_CONFIG_FILE'],
      credentials: process.env['AWS_SHARED_CREDENTIALS_FILE'],
    };
    process.env['AWS_CONFIG_FILE'] = files.config;
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = files.credentials;
    try {
      await use(files);
    } finally {
      if (before.config === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env['AWS_CONFIG_FILE'] = before.config;
      if (before.credentials === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      else process.env['AWS_SHARED_CREDENTIALS_FILE'] = before.credentials;
    }
  },
});

test('a kept key is set up for the AWS command line without a plaintext file, and removed again', async ({
  page,
  device,
  awsFiles,
  launch,
  capture,
}) => {
  const original = '# my own settings\n[default]\nregion = us-west-2\n';
  writeFileSync(awsFiles.config, original);
  await device.keepKeyOf('alice', 'work');
  await launch();

  const card = page.getByRole('article', { name: 'work' });
  await card.getByRole('button', { name: 'Use with the AWS command line…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Use “work” with the AWS command line' });
  await expect(dialog).toContainText('The secret is never written into a file.');
  const region = dialog.getByRole('textbox', { name: /Default region/ });
  await expect(region).toHaveValue('us-east-1');
  await region.fill('Ireland');
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
  await expect(card.getByRole('button', { name: 'Use with the AWS command line…' })).toBeFocused();
});

test('after Keyward was moved, the window offers to repair the AWS CLI set-up and repairs it', async ({
  page,
  device,
  awsFiles,
  launch,
  capture,
}) => {
  await device.keepKeyOf('alice', 'work');
  const others = '[profile other]\nregion = eu-west-1\n';
  writeFileSync(
    awsFiles.config,
    `${others}\n[profile work]\ncredential_process = "/tmp/.mount_KeywarGone/keyward" credential-process --profile work\n`,
  );
  await launch();
  const banner = page.getByRole('region', {
    name: 'The AWS command line can no longer find Keyward',
  });
  await expect(banner).toContainText('work');
  await capture('cli-repair-offered');
  await banner.getByRole('button', { name: 'Repair the command line set-up' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByRole('status', { name: 'Announcements' })).toContainText('Repaired');
  const text = readFileSync(awsFiles.config, 'utf8');
  expect(text).not.toContain('.mount_KeywarGone');
  expect(text).toMatch(/credential_process = .*bin\/keyward" credential-process --profile work/);
  expect(text.startsWith(others)).toBe(true);
});
