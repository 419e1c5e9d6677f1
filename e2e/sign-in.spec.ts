import { expect, test } from './fixtures';
import { openSignInWithMfaProfile, openWithKeptKey, readyToCreateOwnKey } from './harness/starts';
import { goTo, signInAskedForMfaCode, signInWithStoredKey } from './harness/ui';

test('an admin signs in with a kept key and sees who they are and what they may do', async ({
  page,
  device,
  capture,
}) => {
  await openWithKeptKey(device, 'admin');
  await goTo(page, 'AWS sign-in');
  await capture('sign-in-1-choose');
  await signInWithStoredKey(page, 'admin-key');
  const identity = page.getByRole('region', { name: 'Signed in as admin' });
  await expect(identity).toContainText('example-corp (123456789012)');
  await expect(identity).toContainText('the key “admin-key” kept in Keyward');
  const table = page.getByRole('table');
  await expect(page.getByText('Checked with AWS’s policy simulator.')).toBeVisible();
  await expect(table.getByRole('row', { name: /Create access keys/ })).toContainText(
    /Allowed.*Allowed/,
  );
  await capture('sign-in-2-signed-in');

  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('Not signed in to AWS')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in to AWS' })).toBeVisible();
});

test('a person without permission is told what was refused and which permission to ask for', async ({
  page,
  device,
  capture,
}) => {
  await readyToCreateOwnKey(device, 'nobody', 'contractor');
  await page.getByRole('button', { name: 'Create the key' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('access-denied');
  await alert.getByText('Technical details').click();
  await expect(alert).toContainText('iam:CreateAccessKey');
  await capture('sign-in-3-refused');

  await page.getByRole('button', { name: 'AWS sign-in' }).click();
  await expect(page.getByText('To do more, ask your AWS administrator.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Create access keys/ })).toContainText('Not allowed');
  await capture('sign-in-4-what-to-ask-for');
});

test('an AWS profile that needs an MFA code asks for it in the app', async ({
  page,
  device,
  awsFiles,
  capture,
}) => {
  const mfa = await openSignInWithMfaProfile(device, awsFiles);
  const profile = page.getByRole('radio', { name: /^work/ });
  await expect(profile).toBeChecked();
  await expect(page.getByText('Access key · asks for an MFA code')).toBeVisible();
  const code = await signInAskedForMfaCode(page);
  await expect(page.getByText('for admin')).toBeVisible();
  await code.fill('12');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Type the 6 digits your authenticator app shows')).toBeVisible();
  await capture('sign-in-5-mfa');
  // The code the admin's authenticator app shows now: AWS checks it (GetSessionToken).
  await code.fill(mfa.code());
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Signed in as admin' })).toContainText(
    'the AWS command line profile “work”',
  );
});
