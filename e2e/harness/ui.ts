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
