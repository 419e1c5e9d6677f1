import { readFileSync } from 'node:fs';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { expect, test } from '../fixtures';
import type { Page } from '../fixtures';
import { sealedTo, withPassphrase } from '../harness/admin-desk';
import {
  createKeyForColleague,
  createOwnKeyAtLimit,
  openCommandLineSetUpBesideOwnSettings,
  openSignInWithMfaProfile,
  openWithKeptKey,
  openWithKeyFile,
} from '../harness/starts';
import {
  createOwnKey,
  goTo,
  keyAction,
  keyActionControl,
  openPeopleSignedIn,
  peopleRows,
  receiveKeyFile,
  replaceKeptKey,
  signInAskedForMfaCode,
  signInWithStoredKey,
  unlockKeyFile,
} from '../harness/ui';

const sidebarSession = (page: Page) => page.getByRole('region', { name: 'AWS sign-in' });

async function signOutFromSidebar(page: Page): Promise<void> {
  await sidebarSession(page).getByRole('button', { name: 'Sign out' }).click();
}

test('after People’s keys was refused, or a sign-out while it loaded, signing in again shows everyone', async ({
  page,
  device,
  sandbox,
}) => {
  await device.keepKeyOf('alice', 'alice-key');
  await openWithKeptKey(device, 'admin');
  const people = page.getByRole('region', { name: 'People' });

  // alice may not list people: refused.
  await openPeopleSignedIn(page, 'alice-key');
  await expect(people.getByRole('alert')).toBeVisible();
  await signOutFromSidebar(page);
  await expect(sidebarSession(page)).toContainText('Not signed in to AWS');
  await signInWithStoredKey(page, 'admin-key');
  await expect(peopleRows(page)).toHaveCount(5);
  await expect(people.getByText('5 people', { exact: true })).toBeVisible();
  await expect(people.getByRole('alert')).toHaveCount(0);

  // Signed out while the list is still on its way, then in again.
  await signOutFromSidebar(page);
  sandbox.faults.setLatency(600);
  await signInWithStoredKey(page, 'admin-key');
  await signOutFromSidebar(page);
  await expect(sidebarSession(page)).toContainText('Not signed in to AWS');
  sandbox.faults.setLatency(0);
  await signInWithStoredKey(page, 'admin-key');
  await expect(peopleRows(page)).toHaveCount(5);
  await expect(people.getByRole('alert')).toHaveCount(0);

  // Refused, then allowed (an admin granted it meanwhile): the person can try again.
  await signOutFromSidebar(page);
  await signInWithStoredKey(page, 'alice-key');
  const alert = people.getByRole('alert');
  await expect(alert).toBeVisible();
  sandbox.state.findUser('alice')!.permission = 'admin';
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(peopleRows(page)).toHaveCount(5);
  await expect(people.getByRole('alert')).toHaveCount(0);
  await expect(people.getByRole('searchbox', { name: 'Find a person' })).toBeFocused();
});

test('signing out while a new key is kept nowhere, then signing in again, starts a new key', async ({
  page,
  device,
  sandbox,
}) => {
  const created = await createKeyForColleague(device, 'alice');

  await signOutFromSidebar(page);
  const dialog = page.getByRole('dialog', { name: 'The new key’s secret is not saved yet' });
  await dialog.getByRole('button', { name: 'Delete the key and leave' }).click();
  await expect(sidebarSession(page)).toContainText('Not signed in to AWS');
  expect(sandbox.state.accessKeys.has(created.accessKeyId)).toBe(false);

  await signInWithStoredKey(page, 'admin-key');
  await expect(page.getByRole('heading', { name: 'Whose key is it?' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save sealed file…' })).toHaveCount(0);
});

test.describe('with alice’s 200-day-old key kept as “work”', () => {
  test.beforeEach(({ device }) => openWithKeptKey(device, 'alice', 'work', 200));

  test('after leaving My keys and coming back, a replacement that stopped part-way can be finished', async ({
    page,
    sandbox,
  }) => {
    const oldKeyId = sandbox.credentialsFor('alice').accessKeyId;
    const card = page.getByRole('article', { name: 'work' });
    await expect(card).toBeVisible();
    await goTo(page, 'Receive a key');
    await goTo(page, 'My keys');

    // AWS refuses to turn the old key off, again and again: the rotation stops after the switch.
    for (let n = 1; n <= 5; n++) sandbox.faults.failNth('UpdateAccessKey', n, 'error');
    await replaceKeptKey(page, 'work');
    const stopped = card.getByRole('heading', { name: 'Replacing this key stopped part-way' });
    await expect(stopped).toBeVisible({ timeout: 20_000 });

    // Away and back once more: still there, and it finishes.
    await goTo(page, 'Settings');
    await goTo(page, 'My keys');
    await expect(stopped).toBeVisible();
    await expect(await keyActionControl(page, 'work', 'Replace this key…')).toBeDisabled();
    await card.getByRole('button', { name: 'Finish the replacement' }).click();
    await expect(card.getByText('Replaced.')).toBeVisible({ timeout: 20_000 });
    await expect(stopped).toHaveCount(0);
    expect(sandbox.state.accessKeys.get(oldKeyId)?.status).toBe('Inactive');
  });

  test('replacing the key the window is signed in with keeps the window working, with the new key', async ({
    page,
    device,
    sandbox,
  }) => {
    const oldKeyId = sandbox.credentialsFor('alice').accessKeyId;
    await goTo(page, 'AWS sign-in');
    await signInWithStoredKey(page, 'work');
    await goTo(page, 'My keys');

    const card = page.getByRole('article', { name: 'work' });
    await replaceKeptKey(page, 'work', { rightAway: true });
    await expect(card.getByText('Replaced.')).toBeVisible({ timeout: 20_000 });
    expect(sandbox.state.accessKeys.has(oldKeyId)).toBe(false);
    const newKeyId = (await device.profiles.get('work'))!.accessKeyId;

    // The window's sign-in moved to the new key: the next action works.
    await expect(sidebarSession(page)).toContainText('Signed in to AWS as alice');
    expect(device.core.session.whoami()?.accessKeyId).toBe(newKeyId);
    await goTo(page, 'Create a key');
    await createOwnKey(page);
    // Kept in the keychain as the step appears; renamed as the person likes.
    await page.getByRole('button', { name: 'Rename…' }).click();
    await page.getByRole('textbox', { name: 'New key name' }).fill('second');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(
      page.getByRole('main').getByText('Kept in this computer’s keychain as “second”'),
    ).toBeVisible();
  });
});

test('“Remove from this computer” also takes the key out of the AWS command line’s settings', async ({
  page,
  device,
  awsFiles,
}) => {
  const {
    ownSettings,
    card,
    dialog: setup,
  } = await openCommandLineSetUpBesideOwnSettings(device, awsFiles);
  await setup.getByRole('button', { name: 'Set up the AWS command line' }).click();
  await expect(setup.getByText('Done: the AWS command line can now use “work”.')).toBeVisible();
  await setup.getByRole('button', { name: 'Close' }).first().click();
  expect(readFileSync(awsFiles.config, 'utf8')).toContain('[profile work]');

  await keyAction(page, 'work', 'Remove from this computer…');
  const dialog = page.getByRole('dialog', { name: 'Remove “work” from this computer?' });
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(card).toHaveCount(0);
  expect(await device.profiles.get('work')).toBeNull();
  expect(readFileSync(awsFiles.config, 'utf8')).toBe(ownSettings);
});

test('a passphrase pasted with spaces and a tab around it unlocks the key file', async ({
  page,
  device,
  admin,
}) => {
  const handed = await admin.handOver('alice', withPassphrase);
  await openWithKeyFile(device, handed.file);
  await unlockKeyFile(page, `  ${handed.passphrase ?? ''}\t`);
});

test('receiving the same key file a second time says which name it is already kept under', async ({
  page,
  device,
  admin,
  launch,
}) => {
  const handed = await admin.handOver('alice', await sealedTo(device));
  await launch();
  for (const name of ['work', 'work-again']) {
    await receiveKeyFile(device, handed.file);
    await expect(
      page.getByRole('heading', { name: 'Check the key and give it a name' }),
    ).toBeVisible();
    if (name === 'work-again') break;
    await page.getByLabel('Name for this key').fill(name);
    await page.getByRole('button', { name: 'Check and keep the key' }).click();
    await expect(page.getByText(`under the name “${name}”`)).toBeVisible();
    await page.getByRole('button', { name: 'Go to My keys' }).click();
  }
  await expect(page.getByText('This key is already kept as “work”')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check and keep the key' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Go to “work” in My keys' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  expect((await device.profiles.list()).map((profile) => profile.name)).toEqual(['work']);
});

test('a key name starting with a dash is refused, and never suggested', async ({
  page,
  device,
  sandbox,
  admin,
}) => {
  // "+ops" is a fine IAM user name; turned into a key name, "+" must not become a leading "-".
  const iam = new IAMClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    // A copy: the SDK marks the credentials object it is given.
    credentials: { ...sandbox.admin },
  });
  await iam.send(new CreateUserCommand({ UserName: '+ops' }));
  iam.destroy();
  const handed = await admin.handOver('+ops', await sealedTo(device));
  await openWithKeyFile(device, handed.file);
  const name = page.getByLabel('Name for this key');
  await expect(name).toBeVisible();
  expect(await name.inputValue()).not.toMatch(/^-/);

  await name.fill('-ops');
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/not start with a dash/)).toBeVisible();
  expect(await device.profiles.list()).toEqual([]);
});

test('a six-digit MFA code pasted as “123 456” keeps all six digits', async ({
  page,
  device,
  awsFiles,
}) => {
  await openSignInWithMfaProfile(device, awsFiles);
  const code = await signInAskedForMfaCode(page);
  await code.fill('123-45');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const tooShort = page.getByText('Type the 6 digits your authenticator app shows');
  await expect(tooShort).toBeVisible();

  // Pasted as the authenticator app shows it.
  await code.fill('');
  await page.keyboard.insertText('123 456');
  await expect(code).toHaveValue('123 456');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(tooShort).toHaveCount(0);
  // Whether AWS takes the code is another matter: it went to AWS rather than being refused here.
  await expect(
    page.getByRole('region', { name: 'Signed in as admin' }).or(page.getByRole('alert')),
  ).toBeVisible();
});

test('after deleting one of two keys while creating, the heading says there is room now', async ({
  page,
  device,
  sandbox,
}) => {
  const [oldKey] = sandbox.state.keysOf('bob');
  await createOwnKeyAtLimit(device);

  const oldCard = page.getByRole('article').filter({ hasText: oldKey!.accessKeyId });
  await oldCard.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this key for good?' });
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  await expect(oldCard).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: /already has two keys/ })).toHaveCount(
    0,
  );
  await expect(
    page.getByRole('heading', { level: 2, name: 'There is room for bob’s new key' }),
  ).toBeVisible();
});

test('a key kept although AWS did not accept it is not announced as ready to use', async ({
  page,
  device,
  admin,
}) => {
  const handed = await admin.handOverDeletedKey('alice', await sealedTo(device));
  await openWithKeyFile(device, handed.file);
  await page.getByRole('button', { name: 'Check and keep the key' }).click();
  const alert = page.getByRole('alert');
  await alert.getByRole('button', { name: 'Keep it anyway' }).click({ timeout: 15_000 });
  await expect(page.getByText('Kept without a working check.')).toBeVisible({ timeout: 15_000 });
  await expect(
    page.getByRole('heading', { level: 2, name: 'The key is ready to use' }),
  ).toHaveCount(0);
  await expect(
    page.getByRole('heading', { level: 2, name: 'The key is kept, but it does not work yet' }),
  ).toBeVisible();
});
