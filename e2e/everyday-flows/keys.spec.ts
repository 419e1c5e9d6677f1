import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  createOwnKeyAtLimit,
  openPersonAsAdmin,
  openWithKeptKey,
  readyToCreateOwnKey,
} from '../harness/starts';
import {
  describeKeyFor,
  goTo,
  keyAction,
  openPeopleSignedIn,
  openPersonSignedIn,
  replaceKeptKey,
} from '../harness/ui';

/**
 * A double-click whose second click lands after the screen changed under the pointer, as it did
 * when AWS answered the first click within ~60 ms. These are the mouse events `dblclick()` sends
 * (press and release with click count 1, then with click count 2, at one point); only the second
 * pair waits until `appeared` is on screen, so the test does not depend on how fast AWS answers.
 * Returns the element the second click landed on, so a test can check it hit what it meant to.
 */
async function doubleClickAcross(page: Page, first: Locator, appeared: Locator): Promise<string> {
  await first.scrollIntoViewIfNeeded();
  const box = await first.boundingBox();
  if (!box) throw new Error('The first button is not on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down({ clickCount: 1 });
  await page.mouse.up({ clickCount: 1 });
  await expect(appeared).toBeVisible();
  const under = await page.evaluate(
    ({ px, py }) => document.elementFromPoint(px, py)?.closest('button')?.textContent.trim() ?? '',
    { px: x, py: y },
  );
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
  // Let whatever the second click started reach the page before anything is checked.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  return under;
}

/** How far the page, or an open dialog, is wider than the window: 0 when nothing sticks out. */
function overflow(page: Page): Promise<{ page: number; dialog: number }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const dialog = document.querySelector('dialog[open]');
    return {
      page: root.scrollWidth - root.clientWidth,
      dialog: dialog ? dialog.scrollWidth - dialog.clientWidth : 0,
    };
  });
}

test('a double-click on Replace the key never deletes the other key', async ({
  page,
  device,
  sandbox,
}) => {
  const card = await openWithKeptKey(device, 'bob', 'ci', 120);
  const [otherKey, keptKey] = sandbox.state.keysOf('bob');
  await keyAction(page, 'ci', 'Replace this key…');
  const dialog = page.getByRole('dialog', { name: 'Replace “ci” with a new key' });
  const replace = dialog.getByRole('button', { name: 'Replace the key' });
  const limit = page.getByRole('dialog', { name: 'First, make room for the new key' });
  const deleteOther = limit.getByRole('button', { name: /^Delete AKIA.* and replace$/ });

  const landedOn = await doubleClickAcross(page, replace, deleteOther);
  expect(landedOn, 'the second click landed on the red button').toMatch(/^Delete AKIA.*replace$/);
  await expect(deleteOther).toHaveText(/^Delete AKIA.* and replace$/);
  expect(sandbox.stats.calls('DeleteAccessKey')).toBe(0);
  expect(sandbox.state.keysOf('bob').map((key) => key.accessKeyId)).toEqual([
    otherKey!.accessKeyId,
    keptKey!.accessKeyId,
  ]);

  // A moment later the choice is the person's: one deliberate click does it.
  await deleteOther.click();
  await expect(limit).toBeHidden({ timeout: 20_000 });
  await expect(card.getByText('Replaced.', { exact: true })).toBeVisible();
  expect(sandbox.state.accessKeys.has(otherKey!.accessKeyId)).toBe(false);
});

test('leaving Create while the key is being created leads back to keeping it safe', async ({
  page,
  device,
  sandbox,
}) => {
  await readyToCreateOwnKey(device, 'alice');

  // AWS is slow today: the person leaves while the key is still being made.
  sandbox.faults.setLatency(1500);
  await page.getByRole('button', { name: 'Create the key' }).click();
  await expect(page.getByRole('button', { name: 'Creating the key…' })).toBeVisible();
  await goTo(page, 'My keys');
  await expect.poll(() => sandbox.state.keysOf('alice').length, { timeout: 20_000 }).toBe(2);
  sandbox.faults.setLatency(0);
  const created = sandbox.state.keysOf('alice').at(-1)!;

  // The key exists and only this window can still keep its secret: Keyward asks, and going back
  // leads to where it can be kept.
  const dialog = page.getByRole('dialog', { name: 'The new key’s secret is not saved yet' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Go back and keep it safe' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(created.accessKeyId);
  // Kept at once if the step first appears now, or one press away if it appeared behind the
  // question: either way the person's own key ends up in the keychain.
  const keepButton = page.getByRole('button', { name: 'Keep in keychain' });
  const kept = page.getByRole('main').getByText(/Kept in this computer’s keychain as/);
  await expect(keepButton.or(kept)).toBeVisible();
  if (await keepButton.isVisible()) await keepButton.click();
  await expect(kept).toBeVisible();
  await goTo(page, 'My keys');
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  expect((await device.profiles.list()).map((p) => p.accessKeyId)).toContain(created.accessKeyId);
  expect(device.core.newKeys.held()).toEqual([]);
});

test('a staff member who deactivates the key Keyward is signed in with is told about the lock-out first', async ({
  page,
  device,
  sandbox,
}) => {
  const [, usedKey] = sandbox.state.keysOf('bob');
  await createOwnKeyAtLimit(device);

  const usedCard = page.getByRole('article').filter({ hasText: usedKey!.accessKeyId });
  await usedCard.getByRole('button', { name: 'Deactivate' }).click();
  const ask = page.getByRole('dialog', { name: /Keyward is signed in with this key/ });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('Keyward cannot turn it back on');
  expect(sandbox.state.accessKeys.get(usedKey!.accessKeyId)?.status).toBe('Active');
  await ask.getByRole('button', { name: 'Keep it active' }).click();
  await expect(ask).toBeHidden();
  await expect(usedCard.getByRole('button', { name: 'Deactivate' })).toBeFocused();
  expect(sandbox.state.accessKeys.get(usedKey!.accessKeyId)?.status).toBe('Active');

  // Knowing what it means, the person goes ahead: Keyward signs out instead of failing later.
  await usedCard.getByRole('button', { name: 'Deactivate' }).click();
  await ask.getByRole('button', { name: 'Deactivate and sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to create a key' })).toBeVisible();
  expect(sandbox.state.accessKeys.get(usedKey!.accessKeyId)?.status).toBe('Inactive');
});

test('the make-room dialog offers only a delete that Keyward will do', async ({
  page,
  device,
  sandbox,
}) => {
  await openWithKeptKey(device, 'bob', 'ci', 120);
  const [otherKey] = sandbox.state.keysOf('bob');
  // The other key is on and was used yesterday: main never deletes such a key to make room
  // (electron/common/key-rules.ts `inUseReason`), so the dialog must not offer it either. (Only
  // once “ci” is kept: a key kept from the sandbox is the user's first active one.)
  const other = sandbox.state.accessKeys.get(otherKey!.accessKeyId)!;
  other.status = 'Active';
  other.lastUsed = {
    date: new Date(Date.now() - 86_400_000),
    serviceName: 's3',
    region: 'eu-west-1',
  };
  await replaceKeptKey(page, 'ci');
  const limit = page.getByRole('dialog', { name: 'First, make room for the new key' });
  await expect(limit).toContainText('bob already has two access keys');
  await expect(limit.getByRole('button', { name: /^Delete AKIA.* and replace$/ })).toHaveCount(0);
  await expect(limit).toContainText('Deactivate it first');
  expect(sandbox.state.accessKeys.has(otherKey!.accessKeyId)).toBe(true);
});

test('a 256-character description and a 64-character name never make the page or a dialog wider than the window', async ({
  page,
  device,
  sandbox,
}) => {
  const longName = `a${'b'.repeat(62)}c`;
  const longDescription = 'x'.repeat(256);
  sandbox.state.addUser({
    userName: longName,
    path: '/',
    permission: 'self',
    tags: [],
    createDate: new Date(Date.now() - 30 * 86_400_000),
  });
  const key = sandbox.state.createAccessKey(longName, new Date(Date.now() - 86_400_000));
  sandbox.state.findUser(longName)!.tags.push({ Key: key.accessKeyId, Value: longDescription });
  await openPersonAsAdmin(device, longName);
  const card = page.getByRole('article').filter({ hasText: key.accessKeyId });
  await expect(card).toContainText(longDescription);
  expect(await overflow(page)).toEqual({ page: 0, dialog: 0 });

  await card.getByRole('button', { name: 'Delete…' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete this key for good?' })).toBeVisible();
  expect(await overflow(page)).toEqual({ page: 0, dialog: 0 });
  await page.keyboard.press('Escape');

  await card.getByRole('button', { name: 'Edit description…' }).click();
  await expect(page.getByRole('dialog', { name: 'Describe this key' })).toBeVisible();
  expect(await overflow(page)).toEqual({ page: 0, dialog: 0 });
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: `Offboard ${longName}…` }).click();
  const offboard = page.getByRole('dialog', { name: `Offboard ${longName}` });
  await expect(offboard).toBeVisible();
  expect(await overflow(page)).toEqual({ page: 0, dialog: 0 });
});

test.describe('with the admin’s key kept on this computer', () => {
  test.beforeEach(({ device }) => openWithKeptKey(device, 'admin'));

  test('an admin is told before locking themselves out, on their own key and when offboarding themselves', async ({
    page,
    sandbox,
  }) => {
    const adminKey = sandbox.admin.accessKeyId;
    await openPersonSignedIn(page, 'admin-key', 'admin');
    const card = page.getByRole('article').filter({ hasText: adminKey });
    await card.getByRole('button', { name: 'Deactivate' }).click();
    const ask = page.getByRole('dialog', { name: /Keyward is signed in with this key/ });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: 'Keep it active' }).click();
    expect(sandbox.state.accessKeys.get(adminKey)?.status).toBe('Active');

    await page.getByRole('button', { name: 'Offboard admin…' }).click();
    const offboard = page.getByRole('dialog', { name: 'Offboard admin' });
    await expect(offboard).toContainText('Keyward is signed in with');
    await offboard.getByRole('button', { name: 'Deactivate all keys' }).click();
    // Not without ticking that they understand.
    await expect(offboard).toBeVisible();
    await expect(offboard.getByRole('checkbox', { name: /I understand/ })).toBeFocused();
    expect(sandbox.state.accessKeys.get(adminKey)?.status).toBe('Active');
    await offboard.getByRole('checkbox', { name: /I understand/ }).check();
    await offboard.getByRole('button', { name: 'Deactivate all keys' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'People’s keys' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    expect(sandbox.state.accessKeys.get(adminKey)?.status).toBe('Inactive');
  });

  test('a double-click on Deactivate changes the key only once', async ({
    page,
    sandbox,
    launch,
  }) => {
    const app = await launch();
    await openPersonSignedIn(page, 'admin-key', 'bob');
    const [, ciKey] = sandbox.state.keysOf('bob');
    const card = page.getByRole('article').filter({ hasText: ciKey!.accessKeyId });
    const deactivate = card.getByRole('button', { name: 'Deactivate' });
    const activate = card.getByRole('button', { name: 'Activate again' });
    sandbox.stats.reset();

    const landedOn = await doubleClickAcross(page, deactivate, activate);
    expect(landedOn).toBe('Activate again');
    await app.settled();
    await expect(activate).toBeVisible();
    expect(sandbox.stats.calls('UpdateAccessKey')).toBe(1);
    expect(sandbox.state.accessKeys.get(ciKey!.accessKeyId)?.status).toBe('Inactive');
    // Focus stays on the control that changed, not on the page's <body>.
    await expect(activate).toBeFocused();

    // An ordinary double-click, however fast AWS answers, also acts once.
    await activate.dblclick();
    await app.settled();
    await expect(deactivate).toBeVisible();
    expect(sandbox.stats.calls('UpdateAccessKey')).toBe(2);
    expect(sandbox.state.accessKeys.get(ciKey!.accessKeyId)?.status).toBe('Active');
    await expect(deactivate).toBeFocused();
  });

  test('a description starting with - = + or @ is tidied where it is typed, and the key can be handed over', async ({
    page,
    device,
    sandbox,
  }) => {
    await openPersonSignedIn(page, 'admin-key', 'alice');
    await describeKeyFor(page, 'alice');
    const description = page.getByRole('textbox', { name: /Description/ });
    await description.fill('-= nightly backup');
    await description.press('Tab');
    await expect(description).toHaveValue('nightly backup');
    await expect(page.getByText(/Keyward removed “-=” from the start/)).toBeVisible();
    await page.getByRole('button', { name: 'Create the key' }).click();
    await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
    const created = sandbox.state.keysOf('alice').at(-1)!;
    expect(
      sandbox.state.findUser('alice')?.tags.find((tag) => tag.Key === created.accessKeyId)?.Value,
    ).toBe('nightly backup');

    // Both hand-over methods take the key as described.
    const folder = device.platform.dataDir();
    device.platform.answerNextSave(`${folder}/sealed.keyward`);
    await page
      .getByRole('textbox', { name: 'Receiving code' })
      .fill(await device.services.core.handoff.receivingCode());
    await page.getByRole('button', { name: 'Save sealed file…' }).click();
    await expect(page.getByText(`Saved to ${folder}/sealed.keyward`)).toBeVisible();
    device.platform.answerNextSave(`${folder}/with-passphrase.keyward`);
    await page.getByRole('tab', { name: 'A passphrase file' }).click();
    await page.getByRole('button', { name: 'Save encrypted file…' }).click();
    // scrypt takes a few seconds, more on a busy machine.
    await expect(page.getByText('Write this passphrase down now')).toBeVisible({ timeout: 20_000 });

    // Editing a description later follows the same rule.
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('button', { name: 'Back to People’s keys' }).click();
    const card = page.getByRole('article').filter({ hasText: created.accessKeyId });
    await card.getByRole('button', { name: 'Edit description…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Describe this key' });
    const text = dialog.getByRole('textbox', { name: 'Description' });
    await text.fill('@home laptop');
    await expect(text).toHaveValue('home laptop');
    await expect(dialog.getByText(/Keyward removed “@” from the start/)).toBeVisible();
    await text.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(card.getByRole('heading', { name: 'home laptop' })).toBeVisible();
  });

  test('focus lands on something sensible after a toggle, a delete and saving a key file', async ({
    page,
    device,
    sandbox,
  }) => {
    await openPersonSignedIn(page, 'admin-key', 'bob');
    const [oldKey, ciKey] = sandbox.state.keysOf('bob');
    const ciCard = page.getByRole('article').filter({ hasText: ciKey!.accessKeyId });
    await ciCard.getByRole('button', { name: 'Deactivate' }).click();
    await expect(ciCard.getByRole('button', { name: 'Activate again' })).toBeFocused();

    const oldCard = page.getByRole('article').filter({ hasText: oldKey!.accessKeyId });
    await oldCard.getByRole('button', { name: 'Delete…' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this key for good?' })
      .getByRole('button', { name: 'Delete key' })
      .click();
    await expect(oldCard).toHaveCount(0);
    await expect(ciCard).toBeFocused();

    await describeKeyFor(page, 'bob');
    await page.getByRole('button', { name: 'Create the key' }).click();
    // bob's key is for bob's computer: it goes in a key file, never in this keychain.
    const file = `${device.platform.dataDir()}/bob.keyward`;
    device.platform.answerNextSave(file);
    await page
      .getByRole('textbox', { name: 'Receiving code' })
      .fill(await device.services.core.handoff.receivingCode());
    await page.getByRole('button', { name: 'Save sealed file…' }).click();
    await expect(page.getByRole('main').getByText(`Saved to ${file}`)).toBeFocused();
  });

  test('choosing Delete all keys when offboarding shows the choice and its button in red', async ({
    page,
  }) => {
    await openPersonSignedIn(page, 'admin-key', 'bob');
    await page.getByRole('button', { name: 'Offboard bob…' }).click();
    const offboard = page.getByRole('dialog', { name: 'Offboard bob' });
    const choice = offboard.getByRole('radio', { name: /Delete all keys/ });
    await choice.check();
    const red = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--danger)';
      document.body.append(probe);
      const rgb = getComputedStyle(probe).color;
      probe.remove();
      return rgb;
    });
    await expect
      .poll(() =>
        choice.evaluate((input) => {
          const label = input.closest('label');
          return label ? getComputedStyle(label).borderTopColor : '';
        }),
      )
      .toBe(red);
    const button = offboard.getByRole('button', { name: 'Delete all keys' });
    // The colour eases in (a CSS transition): wait for it to settle rather than read it mid-way.
    await expect
      .poll(() => button.evaluate((element) => getComputedStyle(element).backgroundColor))
      .toBe(red);
  });

  test('a 300-character search for a person never makes the page wider than the window', async ({
    page,
  }) => {
    await openPeopleSignedIn(page, 'admin-key');
    await page.getByLabel('Find a person').fill('x'.repeat(300));
    await expect(page.getByText(/^No one matches/)).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
