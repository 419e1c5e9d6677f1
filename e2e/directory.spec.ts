import { rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { codeFingerprint } from '../electron/core/directory/fingerprint';
import { getReceivingCode, handoffIdentityAccount } from '../electron/core/handoff/device-identity';
import { ageDecryptWithIdentity } from '../testing/core/handoff/age-cli';
import { MemoryStore } from '../testing/memory-store';
import { expect, test } from './fixtures';
import { createKeyForColleague, openWithKeptKey } from './harness/starts';
import { describeOwnKey, goTo, signInWithStoredKey } from './harness/ui';

test('a person lets their admin find their receiving code; the admin seals to it after checking the words, and hears when it changed', async ({
  page,
  device,
  sandbox,
  secondDevice,
  capture,
}) => {
  // Two windows, three screenshots with their accessibility checks, and the age tool.
  test.setTimeout(120_000);
  // alice's computer: Receive shows her code's check words, and offers to share it once signed in.
  const staff = await secondDevice();
  await openWithKeptKey(staff, 'alice');
  const aliceCode = await staff.core.handoff.receivingCode();
  const words = codeFingerprint(aliceCode).join(' ');
  await goTo(staff.page, 'Receive a key');
  await expect(staff.page.getByText(`Your code’s check words: ${words}`)).toBeVisible();
  await staff.page.getByRole('button', { name: 'Sign in first' }).click();
  await signInWithStoredKey(staff.page, 'alice-key');
  await goTo(staff.page, 'Receive a key');
  // Before anything is stored: what is stored where, and that it is not secret.
  await expect(staff.page.getByText('as a tag named keyward:receiving-code')).toBeVisible();
  await expect(staff.page.getByText('it is not a secret, it only lets someone lock')).toBeVisible();
  await capture('directory-1-publish', staff.page);
  await staff.page.getByRole('button', { name: 'Let my admin find my receiving code' }).click();
  await expect(staff.page.getByText('Shared.')).toBeVisible();
  await expect(staff.page.getByRole('button', { name: 'Stop sharing it' })).toBeVisible();
  expect(sandbox.state.findUser('alice')?.tags).toContainEqual({
    Key: 'keyward:receiving-code',
    Value: aliceCode,
  });

  // The admin's computer: the code is filled in, with the same four words to check.
  const created = await createKeyForColleague(device, 'alice');
  await expect(page.getByText('alice shared their receiving code in AWS')).toBeVisible();
  await expect(page.getByText(`Check words: ${words}`)).toBeVisible();
  await expect(
    page.getByText('Ask alice to read their check words from their Keyward before you send.'),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Receiving code' })).toHaveValue(aliceCode);
  await capture('directory-2-admin-sees-words');
  const file = `${device.platform.dataDir()}/alice_accessKeys.keyward`;
  device.platform.answerNextSave(file);
  await page.getByRole('button', { name: 'Save sealed file…' }).click();
  await expect(page.getByText(`Saved to ${file}`)).toBeVisible();

  // The reference age tool opens the file with alice's computer's identity.
  const identityFile = `${staff.platform.dataDir()}/identity.txt`;
  writeFileSync(identityFile, `${(await staff.keytar.get(handoffIdentityAccount)) ?? ''}\n`, {
    mode: 0o600,
  });
  const plaintext = await ageDecryptWithIdentity(await readFile(file, 'latin1'), identityFile);
  rmSync(identityFile);
  expect(plaintext).toContain(`${created.accessKeyId},${created.secretAccessKey}`);
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('heading', { name: 'All done' })).toBeVisible();

  // Another code appears on alice's user (a new computer, or someone else's): the admin is warned.
  const otherCode = await getReceivingCode(new MemoryStore());
  const alice = sandbox.state.findUser('alice');
  if (!alice) throw new Error('no alice in the sandbox');
  alice.tags = alice.tags.map((tag) =>
    tag.Key === 'keyward:receiving-code' ? { ...tag, Value: otherCode } : tag,
  );
  // Room for another key: the one just sent is gone again.
  sandbox.state.accessKeys.delete(created.accessKeyId);
  await page.getByRole('button', { name: 'Create another key' }).click();
  await page.getByRole('radio', { name: /A colleague’s key/ }).check();
  await page.getByRole('textbox', { name: 'Your colleague’s AWS user name' }).fill('alice');
  await describeOwnKey(page);
  await page.getByRole('button', { name: 'Create the key' }).click();
  await expect(page.getByRole('heading', { name: 'Keep the new key safe' })).toBeVisible();
  await expect(
    page.getByText('alice’s receiving code changed since you last sealed a key for them.'),
  ).toBeVisible();
  await expect(
    page.getByText(`Check words: ${codeFingerprint(otherCode).join(' ')}`),
  ).toBeVisible();
  await capture('directory-3-code-changed');
});
