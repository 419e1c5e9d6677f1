import { expect, test } from './fixtures';
import {
  createKeyForColleague,
  createOwnKeyAtLimit,
  openWithKeptKey,
  readyToCreateOwnKey,
} from './harness/starts';
import { goTo, tabTo } from './harness/ui';

test('with two keys already, the person deletes the unused one and then creates the new key', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  const [oldKey, usedKey] = sandbox.state.keysOf('bob');
  await createOwnKeyAtLimit(device, /A program or service outside AWS/);
  const oldCard = page.getByRole('article').filter({ hasText: oldKey!.accessKeyId });
  const usedCard = page.getByRole('article').filter({ hasText: usedKey!.accessKeyId });
  await expect(oldCard).toContainText('Deactivated');
  await expect(oldCard).toContainText('Suggested: this key is already deactivated');
  await expect(usedCard).toContainText('Active');
  await expect(usedCard).toContainText('Keyward is signed in with this key right now.');
  await expect(page.getByRole('button', { name: 'Create the key now' })).toBeDisabled();
  await capture('create-limit-1-two-keys');

  await oldCard.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this key for good?' });
  await expect(dialog).toContainText(oldKey!.accessKeyId);
  await expect(dialog).toContainText('about 10 months ago');
  await capture('create-limit-2-confirm-delete');
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  await expect(dialog).toBeHidden();
  await expect(oldCard).toHaveCount(0);
  await expect(page.getByText('There is room for the new key now.')).toBeVisible();
  expect(sandbox.state.accessKeys.has(oldKey!.accessKeyId)).toBe(false);
  await capture('create-limit-3-room');

  await page.getByRole('button', { name: 'Create the key now' }).click();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
  const created = sandbox.state.keysOf('bob').at(-1)!;

  // An encrypted copy with a passphrase Keyward makes up and shows once.
  const file = `${device.platform.dataDir()}/bob.keyward`;
  device.platform.answerNextSave(file);
  await page.getByRole('button', { name: 'Save encrypted file…' }).click();
  const passphrase = page.getByRole('textbox', { name: 'Passphrase' });
  await expect(passphrase).toBeVisible({ timeout: 15_000 });
  expect((await passphrase.inputValue()).split('-').length).toBeGreaterThanOrEqual(6);
  // The passphrase unlocks the file, so it leaves the clipboard again like a secret does.
  await page.getByRole('button', { name: 'Copy passphrase' }).click();
  await expect(page.getByText(/Copied\. Clipboard clears in \d+ s/)).toBeVisible();
  expect(device.platform.clipboard).toBe(await passphrase.inputValue());
  await page.getByRole('button', { name: 'Copy secret' }).click();
  // "Copied…" is still showing from the passphrase: wait for the clipboard itself to change.
  await expect.poll(() => device.platform.clipboard).toBe(created.secretAccessKey);
  await capture('create-limit-4-saved-with-passphrase');
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('heading', { name: 'All done' })).toBeVisible();
  await expect(page.getByText('and, separately, its passphrase')).toBeVisible();
});

test.describe('with alice’s key kept on this computer', () => {
  test.beforeEach(({ device }) => openWithKeptKey(device, 'alice'));

  test('keyboard only: a staff member creates their own key, sees the secret, keeps it in the keychain', async ({
    page,
    device,
    sandbox,
    capture,
  }) => {
    const { keyboard } = page;

    await tabTo(page, page.getByRole('button', { name: 'Create a key' }));
    await keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Sign in to create a key' })).toBeFocused();
    await capture('create-0-sign-in');
    await tabTo(page, page.getByRole('radio', { name: /^alice-key/ }));
    await expect(page.getByRole('radio', { name: /^alice-key/ })).toBeChecked();
    await keyboard.press('Enter');

    const whose = page.getByRole('heading', { name: 'Whose key is it?' });
    await expect(whose).toBeFocused();
    await expect(page.getByRole('radio', { name: /My own key, for alice/ })).toBeChecked();
    await capture('create-1-whose');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await keyboard.press('Enter');

    await expect(
      page.getByRole('heading', { name: 'What will the key be used for?' }),
    ).toBeFocused();
    await tabTo(page, page.getByRole('radio', { name: /AWS command line/ }));
    await keyboard.press('Space');
    await expect(
      page.getByRole('heading', { name: 'Better: sign in with “aws login”' }),
    ).toBeVisible();
    await capture('create-2-purpose-suggestion');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Tick the box');
    await tabTo(
      page,
      page.getByRole('checkbox', { name: /I still want to create an access key/ }),
      {
        back: true,
      },
    );
    await keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await keyboard.press('Enter');

    await expect(
      page.getByRole('heading', { name: 'Describe the key, then create it' }),
    ).toBeFocused();
    const description = page.getByRole('textbox', { name: /Description/ });
    await expect(description).toHaveValue('AWS command line');
    await tabTo(page, description);
    await keyboard.press('ControlOrMeta+a');
    // A character AWS refuses is left out, and the field says so before anything is saved.
    await keyboard.type('Laptop <CLI>');
    await expect(page.getByText('Will be saved as: “Laptop CLI”')).toBeVisible();
    await capture('create-3-describe-tidied');
    await keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeFocused();
    const created = sandbox.state.keysOf('alice').at(-1)!;
    expect(
      sandbox.state.findUser('alice')?.tags.find((tag) => tag.Key === created.accessKeyId)?.Value,
    ).toBe('Laptop CLI');
    // The secret is not in the page until the person asks for it.
    expect(await page.content()).not.toContain(created.secretAccessKey);
    await capture('create-4-secure');
    await tabTo(page, page.getByRole('button', { name: 'Show secret' }));
    await keyboard.press('Enter');
    await expect(page.getByText(created.secretAccessKey)).toBeVisible();
    await capture('create-5-secret-shown');
    await tabTo(page, page.getByRole('button', { name: 'Hide secret' }), { back: true });
    await keyboard.press('Enter');
    expect(await page.content()).not.toContain(created.secretAccessKey);

    // Their own key was kept in the keychain as the step appeared, under the suggested name.
    await expect(
      page.getByRole('main').getByText('Kept in this computer’s keychain as “work”'),
    ).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Finish' }));
    await keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'All done' })).toBeFocused();
    await capture('create-6-done');
    const stored = await device.profiles.get('work');
    expect(stored).toMatchObject({
      accessKeyId: created.accessKeyId,
      secretAccessKey: created.secretAccessKey,
      userName: 'alice',
      description: 'Laptop CLI',
    });
    expect(device.core.newKeys.held()).toEqual([]);
  });
});

test('leaving before the secret is kept anywhere asks first, and deleting is the person’s choice', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  // A colleague's key: Keyward never keeps it on the admin's computer, so it is kept nowhere yet.
  const created = await createKeyForColleague(device, 'alice');

  // Closing the window is asked about too (the browser, or Electron's main process, asks).
  const closePrevented = await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(closePrevented).toBe(true);

  await page.getByRole('button', { name: 'My keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'The new key’s secret is not saved yet' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('AWS will never show it again.');
  await expect(dialog.getByRole('button', { name: 'Go back and keep it safe' })).toBeFocused();
  await capture('create-guard-1-leave');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
  expect(sandbox.state.accessKeys.has(created.accessKeyId)).toBe(true);

  // Finish waits until a key file is saved, and says so; leaving still asks.
  await expect(page.getByRole('button', { name: 'Finish' })).toBeDisabled();
  await expect(
    page.getByText('Finish is possible once a key file for alice is saved.'),
  ).toBeVisible();
  await goTo(page, 'Settings');
  await dialog.getByRole('button', { name: 'Delete the key and leave' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  await capture('create-guard-2-deleted');
  expect(sandbox.state.accessKeys.has(created.accessKeyId)).toBe(false);
  expect(device.core.newKeys.held()).toEqual([]);

  // Nothing pending any more: leaving is free.
  await page.getByRole('button', { name: 'My keys' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
});

test('after AWS refuses to create the key, asking the admin becomes the main button, not pressing Create again', async ({
  page,
  device,
  capture,
}) => {
  await readyToCreateOwnKey(device, 'nobody', 'contractor');
  const create = page.getByRole('button', { name: 'Create the key' });
  await create.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('AWS did not let you create an access key for nobody');
  const ask = alert.getByRole('button', { name: 'Copy a request for my admin' });
  await expect(ask).not.toHaveClass(/secondary/);
  await expect(create).toHaveClass(/secondary/);
  await capture('failure-next-step');

  // A ready-to-send message, plain text: what to allow, for whom, why; signed by Keyward.
  await ask.click();
  await expect.poll(() => device.platform.clipboard).toContain('- iam:CreateAccessKey');
  const request = device.platform.clipboard;
  expect(request).toContain('For my AWS user nobody (arn:aws:iam::');
  expect(request).toContain('Why: AWS did not let you create an access key for nobody');
  expect(request.trim().endsWith('Sent from Keyward')).toBe(true);
  // The policy itself is for the admin, out of the way.
  await alert.getByText('Details for your admin').click();
  await expect(alert.locator('pre')).toContainText('"iam:CreateAccessKey"');
});
