import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { Device } from './device';

/** Signs in through the app's own sign-in panel with a key kept in Keyward. */
export async function signInWithStoredKey(page: Page, profileName: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${profileName}\\b`) }).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Signed in to AWS as')).toBeVisible();
}

/**
 * Signs in to another AWS account too, from AWS sign-in → "Sign in to another AWS account…", with
 * a key kept here; returns the region the form was in (gone once signed in) and the sidebar's
 * account switcher.
 */
export async function signInToAnotherAccount(
  page: Page,
  profileName = 'labs-admin',
): Promise<{ adding: Locator; switcher: Locator }> {
  await goTo(page, 'AWS sign-in');
  await page.getByRole('button', { name: 'Sign in to another AWS account…' }).click();
  const adding = page.getByRole('region', { name: 'Sign in to another AWS account' });
  await adding.getByRole('radio', { name: new RegExp(`^${profileName}\\b`) }).check();
  await adding.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(adding).toBeHidden();
  return { adding, switcher: page.getByRole('combobox', { name: 'Switch account' }) };
}

/** The sidebar's Admin section lists these; staff see them only once they ask for them. */
const adminPlaces = new Set(['People’s keys', 'Keys for several people', 'Audit', 'AWS sign-in']);

/**
 * Shows the sidebar's Admin section as a person would: by answering "I manage keys for other
 * people" once (Keyward remembers it), unless it is there already. Returns the section.
 */
export async function showAdminSection(page: Page): Promise<Locator> {
  const admin = page.getByRole('navigation', { name: 'Admin' });
  const offer = page.getByRole('button', { name: 'I manage keys for other people', exact: true });
  await expect(admin.or(offer).first()).toBeVisible();
  if (await offer.isVisible()) await offer.click();
  await expect(admin).toBeVisible();
  return admin;
}

/** Opens a screen from the sidebar, as a person clicks it there (an admin place via Admin). */
export async function goTo(page: Page, screen: string): Promise<void> {
  const list = adminPlaces.has(screen)
    ? await showAdminSection(page)
    : page.getByRole('navigation', { name: 'Main' });
  await list.getByRole('button', { name: screen }).click();
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
  await personRow(page, userName).getByRole('rowheader').click();
}

/** The People table's rows of people (its heading row left out). */
export function peopleRows(page: Page): Locator {
  return page
    .getByRole('grid', { name: 'People' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });
}

/**
 * The People table's count line as shown ("5 people" once every column is filled). A status line
 * for screen readers says the same words, so the text alone would find two elements.
 */
export function peopleCountLine(page: Page): Locator {
  return page.locator('p.count');
}

/** One person's row in the People table, by their exact user name. */
export function personRow(page: Page, userName: string): Locator {
  return peopleRows(page).filter({
    has: page.getByRole('rowheader', { name: userName, exact: true }),
  });
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
 * to "Keep the new key safe" (which keeps the person's own key in the keychain as it appears).
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
  await keyAction(page, profileName, 'Replace this key…');
  const dialog = page.getByRole('dialog', { name: `Replace “${profileName}” with a new key` });
  if (options.rightAway) await dialog.getByRole('radio', { name: /Right away/ }).check();
  await dialog.getByRole('button', { name: 'Replace the key' }).click();
}

/** On "Receive a key": chooses a key file, the open dialog answered with `file`. */
export async function chooseKeyFile(device: Device, file: string): Promise<void> {
  device.platform.answerNextOpen(file);
  await device.page.getByRole('button', { name: 'Choose key file…' }).click();
}

/** On "Receive a key": drops `file` on the drop area, as a person drags it from their desktop. */
export async function dropFile(page: Page, file: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name));
      return transfer;
    },
    { name: path.basename(file), base64: readFileSync(file).toString('base64') },
  );
  await page.getByRole('group', { name: 'Drop a key file here' }).dispatchEvent('drop', {
    dataTransfer,
  });
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
  await keyAction(page, profileName, 'Use with the AWS command line…');
  return page.getByRole('dialog', { name: `Use “${profileName}” with the AWS command line` });
}

/**
 * On My keys: the control for `action` on a kept key's card, the card's own button when it shows
 * one (its one next step, "Replace this key…" or "Fix…"), else the item of its "More" menu, which
 * this opens. `action` is the name a person sees, matched from its start.
 */
export async function keyActionControl(
  page: Page,
  profileName: string,
  action: string,
): Promise<Locator> {
  const card = page.getByRole('article', { name: profileName, exact: true });
  const name = actionName(action);
  const more = card.getByRole('button', { name: /^More/ });
  // Every card has "More": once it shows, so does the card's own next step, if it has one.
  await expect(more).toBeVisible();
  const button = card.getByRole('button', { name });
  if ((await button.count()) > 0) return button;
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  return card.getByRole('menuitem', { name });
}

/**
 * On My keys: opens a kept key's "More" menu with the keyboard (Tab to it, Enter) and returns it;
 * Escape closes it again.
 */
export async function openKeyMenu(page: Page, profileName: string): Promise<Locator> {
  const card = page.getByRole('article', { name: profileName, exact: true });
  await tabTo(page, card.getByRole('button', { name: /^More/ }));
  await page.keyboard.press('Enter');
  const menu = card.getByRole('menu');
  await expect(menu).toBeVisible();
  return menu;
}

/** An action's name as a person sees it, matched from its start (the rest is for screen readers). */
function actionName(action: string): RegExp {
  return new RegExp(`^${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** On My keys: does `action` on a kept key's card, through its "More" menu when it is there. */
export async function keyAction(page: Page, profileName: string, action: string): Promise<void> {
  await (await keyActionControl(page, profileName, action)).click();
}

/**
 * As `keyAction`, with the keyboard only: Tab to the card's "More", Enter, the down arrow to the
 * item, Enter.
 */
export async function keyActionByKeyboard(
  page: Page,
  profileName: string,
  action: string,
): Promise<void> {
  const card = page.getByRole('article', { name: profileName, exact: true });
  await tabTo(page, card.getByRole('button', { name: /^More/ }));
  await page.keyboard.press('Enter');
  const item = card.getByRole('menuitem', { name: actionName(action) });
  for (let presses = 0; presses < 10; presses++) {
    if (await item.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(item).toBeFocused();
  await page.keyboard.press('Enter');
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
