import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { Device } from './device';

/** Signs in through the app's own sign-in panel with a key kept in Keyward. */
export async function signInWithStoredKey(page: Page, profileName: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${profileName}\\b`) }).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Signed in to AWS as')).toBeVisible();
}

/** Opens a screen from the sidebar, as a person clicks it there. */
export async function goTo(page: Page, screen: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: screen })
    .click();
}

/** Opens a screen from the sidebar and waits for its heading to take focus. */
export async function openScreen(page: Page, screen: string): Promise<void> {
  await goTo(page, screen);
  await expect(page.getByRole('heading', { level: 2, name: screen })).toBeFocused();
}

/** Opens "Create a key" from the sidebar and signs in there with a key kept in Keyward. */
export async function openCreateKeySignedIn(page: Page, profileName: string): Promise<void> {
  await goTo(page, 'Create a key');
  await signInWithStoredKey(page, profileName);
}

/** Opens People's keys from the sidebar and signs in there with a key kept in Keyward. */
export async function openPeopleSignedIn(page: Page, profileName: string): Promise<void> {
  await openScreen(page, 'People’s keys');
  await signInWithStoredKey(page, profileName);
}

/** Opens People's keys signed in with a key kept in Keyward, and picks one person from the list. */
export async function openPersonSignedIn(
  page: Page,
  profileName: string,
  userName: string,
): Promise<void> {
  await openPeopleSignedIn(page, profileName);
  await page.getByRole('option', { name: userName }).click();
}

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard-only person would. */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean } = {}) {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
      return;
    }
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** On "What will the key be used for?": picks `purpose` and goes on to describing the key. */
async function choosePurpose(page: Page, purpose: string | RegExp): Promise<void> {
  await page.getByRole('radio', { name: purpose }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * From "Whose key is it?" with the person's own key chosen: through `purpose` ("Something else"
 * unless told), to the step whose "Create the key" is not pressed yet.
 */
export async function describeOwnKey(
  page: Page,
  purpose: string | RegExp = 'Something else',
): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await choosePurpose(page, purpose);
}

/**
 * On a person's page in People's keys: "Create a key for <userName>", for `purpose` ("Something
 * else" unless told), to the step whose "Create the key" is not pressed yet.
 */
export async function describeKeyFor(
  page: Page,
  userName: string,
  purpose: string | RegExp = 'Something else',
): Promise<void> {
  await page.getByRole('button', { name: `Create a key for ${userName}` }).click();
  await choosePurpose(page, purpose);
}

/** From "Whose key is it?": creates the person's own key, up to "Keep the new key safe". */
export async function createOwnKey(page: Page): Promise<void> {
  await describeOwnKey(page);
  await page.getByRole('button', { name: 'Create the key' }).click();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
}

/**
 * Opens "Create a key" signed in with a kept key and creates a new key for that same person, up
 * to "Keep the new key safe" (the secret then held in main, kept nowhere yet).
 */
export async function createOwnKeyUntilKept(page: Page, profileName: string): Promise<void> {
  await openCreateKeySignedIn(page, profileName);
  await createOwnKey(page);
}

/**
 * On My keys: replaces a kept key from its card. The old key is turned off after the grace period
 * the dialog suggests, or at once with `rightAway`.
 */
export async function replaceKeptKey(
  page: Page,
  profileName: string,
  options: { rightAway?: boolean } = {},
): Promise<void> {
  await page
    .getByRole('article', { name: profileName, exact: true })
    .getByRole('button', { name: 'Replace this key (rotate)…' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Replace “${profileName}” with a new key` });
  if (options.rightAway) await dialog.getByRole('radio', { name: /Right away/ }).check();
  await dialog.getByRole('button', { name: 'Replace the key' }).click();
}

/** On "Receive a key": chooses a key file, the open dialog answered with `file`. */
export async function chooseKeyFile(device: Device, file: string): Promise<void> {
  device.platform.answerNextOpen(file);
  await device.page.getByRole('button', { name: 'Choose key file…' }).click();
}

/** Opens "Receive a key" from the sidebar and chooses a key file there (see `chooseKeyFile`). */
export async function receiveKeyFile(device: Device, file: string): Promise<void> {
  await goTo(device.page, 'Receive a key');
  await chooseKeyFile(device, file);
}

/**
 * A key file double-clicked on the desktop while Keyward runs: what the shell does on
 * `second-instance` / `open-file`, holding the file in main and then telling the page.
 */
export async function doubleClickKeyFile(device: Device, file: string): Promise<void> {
  if (!device.app) throw new Error('Keyward is not open yet: launch it first');
  device.core.handoff.offerFile(file);
  await device.app.notify('handoff.fileOpened');
}

/** On My keys: opens "Use with the AWS command line…" on a kept key's card; returns the dialog. */
export async function openCommandLineSetUp(page: Page, profileName: string): Promise<Locator> {
  await page
    .getByRole('article', { name: profileName })
    .getByRole('button', { name: 'Use with the AWS command line…' })
    .click();
  return page.getByRole('dialog', { name: `Use “${profileName}” with the AWS command line` });
}

/**
 * On AWS sign-in with a profile that needs an MFA code: presses "Sign in" and returns the code's
 * field, which Keyward asks for and focuses.
 */
export async function signInAskedForMfaCode(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const code = page.getByRole('textbox', { name: 'Code from your MFA device' });
  await expect(code).toBeFocused();
  return code;
}

/** Unlocks a passphrase key file, up to naming the key (scrypt takes seconds on a busy machine). */
export async function unlockKeyFile(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Check the key and give it a name' })).toBeVisible(
    { timeout: 15_000 },
  );
}
