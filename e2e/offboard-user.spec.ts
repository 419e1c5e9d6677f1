import type { Sandbox } from './sandbox';
import { expect, test } from './fixtures';
import { openPersonAsAdmin } from './harness/starts';
import { goTo, peopleCountLine } from './harness/ui';

/** Bob, leaving: his two keys, a console password, an authenticator app and two groups. */
function bobHasEverything(sandbox: Sandbox): string {
  const { state } = sandbox;
  const now = new Date();
  state.loginProfiles.set('bob', {
    userName: 'bob',
    createDate: now,
    passwordResetRequired: false,
  });
  for (const name of ['developers', 'on-call']) state.addGroup(name, '/', now).members.add('bob');
  return state.addMfaDevice('bob').serialNumber;
}

test('an admin offboards a whole person: the preview lists everything, the user name is typed, each step is reported', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  // Five screens, each checked with axe, and History at the end.
  test.slow();
  const serial = bobHasEverything(sandbox);
  await openPersonAsAdmin(device, 'bob');

  await page.getByRole('button', { name: 'Offboard bob…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Offboard bob' });
  const password = dialog.getByRole('checkbox', { name: /console password/ });
  const mfa = dialog.getByRole('checkbox', { name: /MFA devices/ });
  const groups = dialog.getByRole('checkbox', { name: /groups/ });
  const deleteUser = dialog.getByRole('checkbox', { name: /Delete the IAM user bob/ });
  await expect(password).toHaveAccessibleDescription(
    'bob can sign in to the AWS console with a password.',
  );
  await expect(mfa).toHaveAccessibleDescription(/^bob: turned off/);
  await expect(groups).toHaveAccessibleDescription(
    'developers, on-call. The groups themselves stay.',
  );
  await expect(password).not.toBeChecked();
  await capture('offboard-user-1-preview');

  // Deleting the user takes everything with it, so the rest is chosen and cannot be unticked.
  await deleteUser.check();
  await expect(dialog.getByRole('radio', { name: /Delete all keys/ })).toBeChecked();
  for (const each of [password, mfa, groups]) {
    await expect(each).toBeChecked();
    await expect(each).toBeDisabled();
  }
  const remove = dialog.getByRole('button', { name: 'Delete bob from AWS' });
  await expect(remove).not.toHaveAttribute('aria-disabled', 'true');
  await remove.click();
  const typed = dialog.getByRole('textbox', { name: /type the user name/ });
  await expect(typed).toBeFocused();
  await expect(dialog.getByText('Type the user name exactly as shown.')).toBeVisible();
  expect(sandbox.state.findUser('bob')).toBeDefined();
  await typed.fill('bob');
  await capture('offboard-user-2-confirm');
  await remove.click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText('bob was deleted from AWS', { exact: true })).toBeVisible();
  for (const line of [
    'The console password: removed',
    `The MFA device ${serial}: removed`,
    'The group developers: removed',
    'The group on-call: removed',
    'The user bob: deleted',
  ]) {
    await expect(page.getByRole('listitem').filter({ hasText: line })).toBeVisible();
  }
  // Nothing is left to act on, and bob is no longer among the people.
  await expect(page.getByRole('button', { name: 'Offboard bob…' })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /bob/ })).toHaveCount(0);
  await expect(peopleCountLine(page)).toHaveText('4 people');
  await capture('offboard-user-3-done');
  expect(sandbox.state.findUser('bob')).toBeUndefined();
  expect(sandbox.state.loginProfiles.has('bob')).toBe(false);
  expect(sandbox.state.mfaDevices.has(serial)).toBe(false);

  // History names each step for the person, with no key ID where there is none.
  await goTo(page, 'History');
  const history = page.getByRole('table', { name: /History/ });
  await expect(history.getByRole('row', { name: /IAM user deleted/ })).toContainText('bob');
  await expect(history.getByRole('row', { name: /Removed from a group.*on-call/ })).toBeVisible();
  await capture('offboard-user-4-history');
});

test('by keyboard: Escape changes nothing; only what is ticked goes, and the user stays', async ({
  page,
  device,
  sandbox,
}) => {
  bobHasEverything(sandbox);
  await openPersonAsAdmin(device, 'bob');
  const open = page.getByRole('button', { name: 'Offboard bob…' });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Offboard bob' });
  const password = dialog.getByRole('checkbox', { name: /console password/ });
  await expect(password).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  expect(sandbox.stats.calls('UpdateAccessKey')).toBe(0);

  await page.keyboard.press('Enter');
  await password.focus();
  await page.keyboard.press('Space');
  await expect(password).toBeChecked();
  // Removing a password cannot be undone: it is typed for, even when keys are only deactivated.
  const action = dialog.getByRole('button', { name: 'Deactivate keys and remove access' });
  await dialog.getByRole('textbox', { name: /type the user name/ }).fill('bob');
  // The button turned red as the box was ticked: it takes a press only once it has been seen.
  await expect(action).not.toHaveAttribute('aria-disabled', 'true');
  await action.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText('Offboarding bob: 1 key deactivated, 1 key already deactivated.'),
  ).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'The console password: removed' }),
  ).toBeVisible();
  expect(sandbox.state.loginProfiles.has('bob')).toBe(false);
  expect(sandbox.state.groupsOf('bob')).toHaveLength(2);
  expect(sandbox.state.findUser('bob')).toBeDefined();
});

test('when a step fails the user is not deleted, and the summary says what is left and why', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  bobHasEverything(sandbox);
  // AWS fails taking bob out of a group on every attempt the SDK makes.
  for (let attempt = 1; attempt <= 5; attempt++) {
    sandbox.faults.failNth('RemoveUserFromGroup', attempt, 'error');
  }
  await openPersonAsAdmin(device, 'bob');
  await page.getByRole('button', { name: 'Offboard bob…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Offboard bob' });
  await dialog.getByRole('checkbox', { name: /Delete the IAM user bob/ }).check();
  await dialog.getByRole('textbox', { name: /type the user name/ }).fill('bob');
  const remove = dialog.getByRole('button', { name: 'Delete bob from AWS' });
  await expect(remove).not.toHaveAttribute('aria-disabled', 'true');
  await remove.click();
  await expect(dialog).toBeHidden();

  const userLine = page.getByRole('listitem').filter({ hasText: 'The user bob:' });
  await expect(userLine).toContainText('Not deleted');
  await expect(userLine).toContainText('the group developers could not be removed first');
  await expect(page.getByText('bob was deleted from AWS', { exact: true })).toHaveCount(0);
  await capture('offboard-user-5-step-failed');
  expect(sandbox.state.findUser('bob')).toBeDefined();
  expect(sandbox.state.keysOf('bob')).toEqual([]);
});
