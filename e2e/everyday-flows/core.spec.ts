import { writeFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { plaintextSection } from '../harness/aws-files';
import {
  openAuditAsAdmin,
  openPeopleAsAdmin,
  openSignInWithMfaProfile,
  openWithKeptKey,
} from '../harness/starts';
import {
  goTo,
  keyAction,
  openScreen,
  peopleRows,
  personRow,
  signInAskedForMfaCode,
  signInWithStoredKey,
} from '../harness/ui';
import { startSandbox } from '../sandbox';

/** Nothing listens on the discard port: every connection is refused, as when AWS is offline. */
const unreachable = 'http://127.0.0.1:9';

test('“Check with AWS” while AWS cannot be reached keeps the key and says AWS could not be reached', async ({
  page,
  device,
  capture,
}) => {
  const card = await openWithKeptKey(device, 'alice', 'work');
  await keyAction(page, 'work', 'Check with AWS');
  await expect(card.getByText('AWS accepts it')).toBeVisible();

  // The network goes away (here: the address in Settings stops answering), then a second check.
  await device.core.settings.update({ endpoint: unreachable });
  await keyAction(page, 'work', 'Check again');
  await expect(card).toContainText(
    'Could not check: Keyward could not reach AWS to check this key.',
  );
  await expect(card).toContainText('internet connection');
  await expect(card).toContainText('VPN');
  await expect(card).toContainText('Settings');
  // The earlier "Yes" is not left standing as if it were this check's answer, and nothing says
  // the key is broken or should be removed.
  await expect(card.getByText('AWS accepts it')).toHaveCount(0);
  await expect(card).not.toContainText('Not working');
  await expect(card).not.toContainText('no longer works');
  await expect(card).not.toContainText('remove this one');
  await capture('everyday-core-check-offline');
  expect(await device.profiles.get('work')).not.toBeNull();
});

test('a new endpoint saved in Settings while signed in is where every list and change goes at once', async ({
  page,
  device,
  sandbox,
}) => {
  // A second test server with the same account: the default seed's keys are the same every run.
  const other = await startSandbox();
  try {
    await openPeopleAsAdmin(device);
    await expect(peopleRows(page)).toHaveCount(5);

    await openScreen(page, 'Settings');
    const endpoint = page.getByRole('textbox', { name: /Test server address/ });
    await endpoint.fill(other.endpoint);
    // Main asks in a dialog of its own, naming the address.
    device.platform.answerNextConfirm(true);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(
      page.getByRole('main').getByRole('status').filter({ hasText: 'Saved' }),
    ).toHaveText(
      `✓ Saved. Keyward now sends every request to the test server at ${other.endpoint}, including those of your current sign-in.`,
    );
    await expect(
      page.getByText(`Keyward is talking to a test server at ${other.endpoint}`),
    ).toBeVisible();
    expect(device.platform.dialogs.confirm.map((question) => question.message)).toEqual([
      `Send everything Keyward asks AWS to ${other.endpoint}?`,
    ]);

    await goTo(page, 'People’s keys');
    await personRow(page, 'bob').click();
    const ciKey = other.state.keysOf('bob')[1]!;
    const card = page.getByRole('article').filter({ hasText: ciKey.accessKeyId });
    await card.getByRole('button', { name: 'Deactivate' }).click();
    await expect(card.getByRole('button', { name: 'Activate again' })).toBeVisible();
    expect(other.state.accessKeys.get(ciKey.accessKeyId)?.status).toBe('Inactive');
    expect(sandbox.state.accessKeys.get(ciKey.accessKeyId)?.status).toBe('Active');
    expect(other.stats.calls('ListAccessKeys')).toBeGreaterThan(0);
  } finally {
    await other.close();
  }
});

test('a wrong MFA code for an AWS profile is refused in plain words, and the right one signs in', async ({
  page,
  device,
  sandbox,
  awsFiles,
  capture,
}) => {
  const mfa = await openSignInWithMfaProfile(device, awsFiles);
  const code = await signInAskedForMfaCode(page);

  // Six digits from an hour ago: they look right, and AWS refuses them.
  await code.fill(mfa.code(new Date(Date.now() - 3_600_000)));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('AWS did not accept that MFA code.')).toBeVisible();
  await expect(page.getByText(/code your authenticator app shows now/).last()).toBeVisible();
  await expect(page.getByText('Signed in to AWS as')).toHaveCount(0);
  await capture('everyday-core-mfa-wrong-code');

  await code.fill(mfa.code());
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Signed in as admin' })).toBeVisible();
  expect([...sandbox.state.sessions.values()]).toMatchObject([{ mfaAuthenticated: true }]);
});

test('an endpoint typed with a name and password is refused, and the password is never shown', async ({
  page,
  device,
  sandbox,
  launch,
}) => {
  await launch();
  await openScreen(page, 'Settings');
  const endpoint = page.getByRole('textbox', { name: /Test server address/ });
  await endpoint.fill('http://me:s3cr3t-pw@127.0.0.1:4566');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Type the address without a user name or password')).toBeVisible();
  await expect(endpoint).toBeFocused();
  expect((await device.core.settings.read()).endpoint).toBe(sandbox.endpoint);
  // Nowhere on the page but in the field the person is typing in.
  await endpoint.fill('');
  expect(await page.content()).not.toContain('s3cr3t');
});

test('a key kept in Keyward and set up for the AWS command line is offered once at sign-in', async ({
  page,
  device,
  awsFiles,
}) => {
  writeFileSync(
    awsFiles.config,
    [
      '[profile work]',
      'credential_process = "/opt/Keyward/keyward" credential-process --profile work',
      '[profile other]',
      'region = eu-west-1',
      '',
    ].join('\n'),
  );
  writeFileSync(awsFiles.credentials, plaintextSection('other', device.sandbox.admin));
  await openWithKeptKey(device, 'alice', 'work');
  await goTo(page, 'People’s keys');
  await expect(page.getByRole('radio', { name: /^other\b/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: /^work\b/ })).toHaveCount(1);
  await signInWithStoredKey(page, 'work');
});

test('the audit from AWS’s credential report names keys by when they were made, not “Key 1”', async ({
  page,
  device,
  sandbox,
}) => {
  await openAuditAsAdmin(device);
  await page.getByRole('button', { name: 'Run the audit' }).click();
  const table = page.getByRole('table', { name: 'Everyone’s keys' });
  await expect(table).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('The report does not give key IDs')).toBeVisible();
  const [older, newer] = sandbox.state.keysOf('bob');
  const keyCells = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'bob' }) })
    .locator('td.key');
  const year = (date: Date | undefined) => String(date?.getFullYear());
  await expect(keyCells).toHaveCount(2);
  // Each key is named by its creation date (its actions follow in the same cell).
  for (const key of [older, newer]) {
    await expect(
      keyCells.filter({ hasText: new RegExp(`^Created [^,]+, ${year(key?.createDate)}\\b`) }),
    ).toHaveCount(1);
  }
  await expect(table).not.toContainText(/Key [12]\b/);
});
