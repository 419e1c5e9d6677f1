import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { receivingCodeTagKey } from '../electron/core/directory/receiving-code-tag';
import { personIdentity } from '../testing/core/batch/people-identities';
import { otherAccountSeed } from './sandbox';
import type { Sandbox } from './sandbox';
import { expect, test } from './fixtures';
import type { Page } from './fixtures';
import type { TestPlatform } from '../testing/test-platform';
import { openBatchAsAdmin, openPeopleAsAdmin } from './harness/starts';
import { goTo, personRow, signInToAnotherAccount } from './harness/ui';

/*
 * An IT admin using the Admin features the way people do rather than the way the other specs
 * script them: pasting lists twice, names that do not exist, switching account or signing out
 * while something runs, leaving a screen and coming back.
 */

let folder = '';

test.beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'keyward-e2e-explore-'));
});

test.afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const namesBox = (page: Page) =>
  page.getByRole('textbox', { name: 'User names, one a line or separated by commas' });
const batchPeople = (page: Page) =>
  page.getByRole('table', { name: /The people who get a key/ }).getByRole('rowheader');

/** Pastes `text` into "Keys for several people" and presses "Add to the list". */
async function pasteNames(page: Page, text: string): Promise<void> {
  await namesBox(page).fill(text);
  await page.getByRole('button', { name: 'Add to the list' }).click();
}

/** `count` IAM users `staff-01`… with no keys, as a department would be. */
function addStaff(sandbox: Sandbox, count: number): string[] {
  return Array.from({ length: count }, (_, at) =>
    addUser(sandbox, `staff-${String(at + 1).padStart(2, '0')}`),
  );
}

/** An IAM user with no keys and no tags. */
function addUser(sandbox: Sandbox, userName: string): string {
  sandbox.state.addUser({
    userName,
    path: '/',
    permission: 'self',
    tags: [],
    createDate: new Date(),
  });
  return userName;
}

test('pasting a list twice, a name twice and a name with no AWS user: each is said once, and nothing is left to fail later', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  // A colleague with the longest name IAM allows, who has not shared a receiving code.
  const long = `${'a'.repeat(60)}-ops`;
  addUser(sandbox, long);
  await openBatchAsAdmin(device);
  await pasteNames(page, `alice\nalice, bob\nghost\n${long}\n${long}b`);
  const notAdded = page.getByRole('status').filter({ hasText: 'Not added:' });
  await expect(notAdded).toContainText('alice is already in the list.');
  await expect(notAdded).toContainText(`“${long}b” is not an IAM user name.`);
  // Told at once, not "it looks again when it creates the key" and a refusal later.
  await expect(notAdded).toContainText(
    'There is no AWS user named ghost in this account: check the spelling.',
  );
  await expect(batchPeople(page)).toHaveText(['alice', 'bob', long]);
  await expect(page.getByRole('button', { name: 'Create 3 keys' })).toBeVisible();
  // The long name in "has not shared a receiving code" stays inside the card.
  const card = page.getByRole('region', { name: 'People' });
  const table = page.getByRole('table', { name: /The people who get a key/ });
  const cardBox = await card.boundingBox();
  const tableBox = await table.boundingBox();
  expect((tableBox?.x ?? 0) + (tableBox?.width ?? 0)).toBeLessThanOrEqual(
    (cardBox?.x ?? 0) + (cardBox?.width ?? 0),
  );
  await capture('explore-batch-1-pasted');

  await pasteNames(page, 'alice\nbob');
  await expect(notAdded).toContainText('bob is already in the list.');
  await expect(batchPeople(page)).toHaveText(['alice', 'bob', long]);
});

/** Tags each of `userNames` in `sandbox` with one receiving code, as if each had shared theirs. */
async function shareCodes(sandbox: Sandbox, userNames: string[]): Promise<void> {
  const { code } = await personIdentity(folder, 'everyone');
  for (const userName of userNames) {
    sandbox.state.findUser(userName)?.tags.push({ Key: receivingCodeTagKey, Value: code });
  }
}

/** On "Keys for several people": a folder chosen, then each of `userNames` given a passphrase file. */
async function passphraseFor(page: Page, platform: TestPlatform, userNames: string[]) {
  for (const name of userNames) {
    await page
      .getByRole('combobox', { name: `How ${name}’s key file is locked` })
      .selectOption('passphrase');
  }
  platform.answerNextFolder(folder);
  await page.getByRole('button', { name: 'Choose folder…' }).click();
}

test.describe('with a second AWS account', () => {
  test.use({ sandboxOptions: { otherAccounts: [otherAccountSeed()] } });

  test('switching account while a batch runs never creates a key in the other account', async ({
    page,
    device,
    sandbox,
    platform,
  }) => {
    // Thirteen people at 1.5 s a request, on a shared machine.
    test.slow();
    const labs = await device.keepOtherAccountAdminKey();
    await openBatchAsAdmin(device);
    const { switcher } = await signInToAnotherAccount(page);
    await switcher.selectOption(sandbox.accountId);
    await expect(switcher).toHaveValue(sandbox.accountId);

    // admin is last: by the time the batch reaches them, the admin works in example-labs, which
    // has an admin too.
    const staff = addStaff(sandbox, 12);
    await shareCodes(sandbox, [...staff, 'admin']);
    const labsAdminKeys = labs.state.keysOf('admin').map((key) => key.accessKeyId);
    await goTo(page, 'Keys for several people');
    await pasteNames(page, [...staff, 'admin'].join('\n'));
    await expect(page.getByText('Check words:')).toHaveCount(13);
    platform.answerNextFolder(folder);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    sandbox.faults.setLatency(1500);
    await page.getByRole('button', { name: 'Create 13 keys' }).click();
    await expect(page.getByRole('progressbar')).toBeVisible();
    await switcher.selectOption(labs.accountId);
    await expect(switcher).toHaveValue(labs.accountId);
    await expect.poll(() => device.core.batch.progress(), { timeout: 60_000 }).toBeNull();
    sandbox.faults.setLatency(0);

    expect(labs.state.keysOf('admin').map((key) => key.accessKeyId)).toEqual(labsAdminKeys);
    // Every file written holds a key of example-corp's: none was made (or sealed) elsewhere.
    const written = readdirSync(folder).filter((file) => file.endsWith('.keyward'));
    expect(written).not.toContain('admin.keyward');
    for (const file of written) {
      expect(sandbox.state.keysOf(file.replace(/\.keyward$/, ''))).toHaveLength(1);
    }
  });
});

test('ticking people in People’s keys while a batch runs keeps that batch’s results and passphrases', async ({
  page,
  device,
  sandbox,
  platform,
}) => {
  test.slow();
  const staff = addStaff(sandbox, 3);
  await openBatchAsAdmin(device);
  await pasteNames(page, staff.join('\n'));
  await passphraseFor(page, platform, staff);
  sandbox.faults.setLatency(1000);
  await page.getByRole('button', { name: 'Create 3 keys' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();

  // Meanwhile: the next people, from the table.
  await goTo(page, 'People’s keys');
  await personRow(page, 'alice').getByRole('checkbox', { name: 'Tick alice' }).check();
  await page.getByRole('button', { name: 'Create keys for 1 person' }).click();
  await expect(batchPeople(page)).toHaveText(['alice']);
  await expect.poll(() => device.core.batch.progress(), { timeout: 60_000 }).toBeNull();
  sandbox.faults.setLatency(0);

  // The three key files exist, so their passphrases must be seen: Keyward does not keep them.
  const results = page.getByRole('table', { name: 'What happened for each person' });
  await expect(results.getByRole('rowheader')).toHaveText(staff);
  for (const name of staff) {
    await expect(page.getByRole('textbox', { name, exact: true })).not.toHaveValue('');
  }
  await expect(batchPeople(page)).toHaveText(['alice']);
});

test('signing out while a batch with passphrases runs keeps the passphrases of the files it wrote', async ({
  page,
  device,
  sandbox,
  platform,
}) => {
  // Found exploring: sign-out forgot the batch while main still wrote passphrase files, so the
  // keys existed and their files could not be opened.
  test.slow();
  const staff = addStaff(sandbox, 3);
  await openBatchAsAdmin(device);
  await pasteNames(page, staff.join('\n'));
  await passphraseFor(page, platform, staff);
  sandbox.faults.setLatency(1500);
  await page.getByRole('button', { name: 'Create 3 keys' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await goTo(page, 'AWS sign-in');
  await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
  await expect.poll(() => device.core.batch.progress(), { timeout: 60_000 }).toBeNull();
  sandbox.faults.setLatency(0);
  const keysMade = staff.filter((name) => sandbox.state.keysOf(name).length > 0);
  expect(keysMade.length).toBeGreaterThan(0);
  // Each key made has its passphrase on screen somewhere, or was never made.
  await goTo(page, 'Keys for several people');
  for (const name of keysMade) {
    await expect(page.getByRole('textbox', { name, exact: true })).not.toHaveValue('');
  }
});

test.describe('with a second AWS account, People’s keys', () => {
  test.use({ sandboxOptions: { otherAccounts: [otherAccountSeed()] } });

  test('switching account while People’s keys is still listing shows the new account’s people, and nothing is left waiting', async ({
    page,
    device,
    sandbox,
  }) => {
    test.slow();
    const labs = await device.keepOtherAccountAdminKey();
    await openPeopleAsAdmin(device);
    const { switcher } = await signInToAnotherAccount(page);
    await switcher.selectOption(sandbox.accountId);
    // A slow AWS: the first page of example-corp's people is still on its way when the admin
    // switches.
    sandbox.faults.setLatency(1500);
    await goTo(page, 'People’s keys');
    await switcher.selectOption(labs.accountId);
    await expect(personRow(page, 'carol')).toBeVisible({ timeout: 30_000 });
    sandbox.faults.setLatency(0);
    await expect(personRow(page, 'bob')).toHaveCount(0);
    // Every call the window made was answered (an unanswered one hung here before).
    await device.app?.settled();
  });
});
