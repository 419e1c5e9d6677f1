import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Signs in through the app's own sign-in panel with a key kept in Keyward. */
export async function signInWithStoredKey(page: Page, profileName: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${profileName}\\b`) }).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Signed in to AWS as')).toBeVisible();
}

/** Opens People's keys from the sidebar and signs in there with a key kept in Keyward. */
export async function openPeopleSignedIn(page: Page, profileName: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'People’s keys' })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'People’s keys' })).toBeFocused();
  await signInWithStoredKey(page, profileName);
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

/**
 * From the start screen: signs in with a kept key and creates a new key for that same person,
 * up to "Keep the new key safe" (the secret then held in main, kept nowhere yet).
 */
export async function createOwnKeyUntilKept(page: Page, profileName: string): Promise<void> {
  await page.getByRole('button', { name: 'Create a key' }).click();
  await signInWithStoredKey(page, profileName);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Create the key' }).click();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
}
