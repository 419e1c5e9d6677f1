import { expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import type { AwsFiles } from '../fixtures';
import type { AccessKeyRecord, Sandbox } from '../sandbox';
import { writeMfaProfile, writeOwnSettings } from './aws-files';
import type { Device } from './device';
import {
  createOwnKeyUntilKept,
  describeOwnKey,
  goTo,
  openCommandLineSetUp,
  openCreateKeySignedIn,
  openPeopleSignedIn,
  openPersonSignedIn,
  openScreen,
  receiveKeyFile,
  showAdminSection,
  signInWithStoredKey,
} from './ui';

/*
 * Where a test begins: what this computer keeps, Keyward opened, and the screen a person starts
 * from. Many tests start the same way; each start is written here once and named for the
 * situation, so a spec begins with what is particular to it.
 */

/**
 * Keyward opened on a computer that keeps `userName`'s key as `profileName`, made
 * `createdDaysAgo` days ago (see `Device.keepKeyOf`). Returns that key's card on My keys.
 */
export async function openWithKeptKey(
  device: Device,
  userName: string,
  profileName = `${userName}-key`,
  createdDaysAgo?: number,
): Promise<Locator> {
  await device.keepKeyOf(userName, profileName, createdDaysAgo);
  await device.open();
  return device.page.getByRole('article', { name: profileName, exact: true });
}

/** The admin's key kept here as “admin-key”; Keyward opened on People's keys, signed in with it. */
export async function openPeopleAsAdmin(device: Device): Promise<void> {
  await openWithKeptKey(device, 'admin');
  await openPeopleSignedIn(device.page, 'admin-key');
}

/**
 * As `openPeopleAsAdmin`, with `userName` picked from the list of people. Returns that person's
 * keys as AWS has them, oldest first.
 */
export async function openPersonAsAdmin(
  device: Device,
  userName: string,
): Promise<AccessKeyRecord[]> {
  await openWithKeptKey(device, 'admin');
  await openPersonSignedIn(device.page, 'admin-key', userName);
  return device.sandbox.state.keysOf(userName);
}

/** The admin's key kept here as “admin-key”; Keyward opened on Audit, signed in with it. */
export async function openAuditAsAdmin(device: Device): Promise<void> {
  await openWithKeptKey(device, 'admin');
  await openScreen(device.page, 'Audit');
  await signInWithStoredKey(device.page, 'admin-key');
}

/** The admin's key kept here as “admin-key”; Keyward opened on "Keys for several people", signed in. */
export async function openBatchAsAdmin(device: Device): Promise<void> {
  await openWithKeptKey(device, 'admin');
  await openScreen(device.page, 'Keys for several people');
  await signInWithStoredKey(device.page, 'admin-key');
}

/**
 * `userName`'s key kept here as `profileName`; Keyward opened on "Create a key", signed in with
 * it, and the person's own key described (for `purpose`): the next press is "Create the key".
 */
export async function readyToCreateOwnKey(
  device: Device,
  userName: string,
  profileName = `${userName}-key`,
  purpose?: string | RegExp,
): Promise<void> {
  await openWithKeptKey(device, userName, profileName);
  await openCreateKeySignedIn(device.page, profileName);
  await describeOwnKey(device.page, purpose);
}

/**
 * bob's key kept here as “bob-key”, and bob creating his own key (for `purpose`): he already has
 * two keys, so Keyward stops at "bob already has two keys" and asks to make room first.
 */
export async function createOwnKeyAtLimit(
  device: Device,
  purpose?: string | RegExp,
): Promise<void> {
  await readyToCreateOwnKey(device, 'bob', 'bob-key', purpose);
  await device.page.getByRole('button', { name: 'Create the key' }).click();
  await expect(
    device.page.getByRole('heading', { level: 2, name: 'bob already has two keys' }),
  ).toBeVisible();
}

/**
 * `userName`'s key kept here as “<userName>-key”; Keyward opened, signed in with it on "Create a
 * key", and a new key created for that same person, up to "Keep the new key safe" (where their
 * own key is kept in the keychain as the step appears). Returns the new key as AWS has it.
 */
export async function createOwnKeyAs(device: Device, userName: string): Promise<AccessKeyRecord> {
  await openWithKeptKey(device, userName);
  await createOwnKeyUntilKept(device.page, `${userName}-key`);
  const created = device.sandbox.state.keysOf(userName).at(-1);
  if (!created) throw new Error(`AWS has no key of ${userName} after creating one`);
  return created;
}

/**
 * The admin's key kept here as “admin-key”; Keyward opened on "Create a key", signed in with it,
 * and a new key created for the colleague `userName`, up to "Keep the new key safe". Its secret
 * is then held in main and kept nowhere yet: a colleague's key is never kept on the admin's
 * computer (the person's own key is kept in the keychain as the step appears). Returns the new
 * key as AWS has it.
 */
export async function createKeyForColleague(
  device: Device,
  userName: string,
): Promise<AccessKeyRecord> {
  const { page } = device;
  await openWithKeptKey(device, 'admin');
  // An admin: the sidebar's Admin section (and the sign-in in it) stays after signing out.
  await showAdminSection(page);
  await openCreateKeySignedIn(page, 'admin-key');
  await page.getByRole('radio', { name: /A colleague’s key/ }).check();
  await page.getByRole('textbox', { name: 'Your colleague’s AWS user name' }).fill(userName);
  await describeOwnKey(page);
  await page.getByRole('button', { name: 'Create the key' }).click();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
  const created = device.sandbox.state.keysOf(userName).at(-1);
  if (!created) throw new Error(`AWS has no key of ${userName} after creating one`);
  return created;
}

/**
 * The person's own settings in the AWS config file (`writeOwnSettings`), alice's key kept here as
 * “work”, and Keyward opened on My keys with that key's "Use with the AWS command line" dialog
 * open. Returns the settings as written, the key's card and the dialog.
 */
export async function openCommandLineSetUpBesideOwnSettings(device: Device, awsFiles: AwsFiles) {
  const ownSettings = writeOwnSettings(awsFiles);
  const card = await openWithKeptKey(device, 'alice', 'work');
  const dialog = await openCommandLineSetUp(device.page, 'work');
  return { ownSettings, card, dialog };
}

/** Keyward opened, and `file` chosen on "Receive a key" (the open dialog answered with it). */
export async function openWithKeyFile(device: Device, file: string): Promise<void> {
  await device.open();
  await receiveKeyFile(device, file);
}

/**
 * The AWS command line profile “work” needs the admin's MFA code (`writeMfaProfile`); Keyward
 * opened on AWS sign-in, where that profile is offered. Returns the admin's MFA device, whose
 * codes a test types as the person would read them from their authenticator app.
 */
export async function openSignInWithMfaProfile(
  device: Device,
  awsFiles: AwsFiles,
): Promise<ReturnType<Sandbox['mfaDeviceOf']>> {
  writeMfaProfile(awsFiles, device.sandbox);
  await device.open();
  await goTo(device.page, 'AWS sign-in');
  return device.sandbox.mfaDeviceOf('admin');
}
