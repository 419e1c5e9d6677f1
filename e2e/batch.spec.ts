import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { receivingCodeTagKey } from '../electron/core/directory/receiving-code-tag';
import { personIdentity } from '../testing/core/batch/people-identities';
import { ageDecryptWithIdentity, ageDecryptWithPassphrase } from '../testing/core/handoff/age-cli';
import { expect, test } from './fixtures';
import { openBatchAsAdmin } from './harness/starts';

let folder = '';

test.beforeEach(async ({ device }) => {
  folder = mkdtempSync(path.join(tmpdir(), 'keyward-e2e-batch-'));
  await openBatchAsAdmin(device);
});

test.afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

test('an admin creates keys for three people at once: shared code, pasted code, passphrase', async ({
  page,
  sandbox,
  platform,
  capture,
}) => {
  // Three keys, a passphrase file's scrypt, three screenshots with their accessibility checks.
  test.setTimeout(120_000);
  const alice = await personIdentity(folder, 'alice');
  const bob = await personIdentity(folder, 'bob');
  // Alice shared her receiving code in AWS; bob did not (and already has two keys).
  sandbox.state.users.get('alice')?.tags.push({ Key: receivingCodeTagKey, Value: alice.code });
  const keysBefore = (user: string) => sandbox.state.keysOf(user).map((key) => key.accessKeyId);
  const before = {
    alice: keysBefore('alice'),
    auditor: keysBefore('auditor'),
    bob: keysBefore('bob'),
  };
  const outDir = path.join(folder, 'out');
  mkdirSync(outDir);

  await page
    .getByRole('textbox', { name: 'User names, one a line or separated by commas' })
    .fill('alice, bob\nauditor');
  await page.getByRole('button', { name: 'Add to the list' }).click();
  const people = page.getByRole('table', { name: /The people who get a key/ });
  await expect(people.getByRole('rowheader')).toHaveText(['alice', 'bob', 'auditor']);
  await expect(people.getByText('Check words:')).toBeVisible();
  await expect(page.getByText('bob has not shared a receiving code in AWS')).toBeVisible();

  await page.getByRole('textbox', { name: 'bob’s receiving code' }).fill(bob.code);
  await page
    .getByRole('combobox', { name: 'How auditor’s key file is locked' })
    .selectOption('passphrase');
  platform.answerNextFolder(outDir);
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(page.getByText(outDir)).toBeVisible();
  await capture('batch-1-chosen');

  // Slow answers, so the progress can be seen (and captured) on a busy machine.
  sandbox.faults.setLatency(1500);
  await page.getByRole('button', { name: 'Create 3 keys' }).click();
  await expect(
    page.getByRole('progressbar', { name: /Creating keys: \d of 3 people/ }),
  ).toBeVisible();
  await capture('batch-2-progress');
  sandbox.faults.setLatency(0);

  const results = page.getByRole('table', { name: 'What happened for each person' });
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(results.getByRole('row', { name: /^alice/ })).toContainText('Done: alice.keyward');
  await expect(results.getByRole('row', { name: /^bob/ })).toContainText(
    'Not created. bob already has two access keys',
  );
  await expect(results.getByRole('row', { name: /^bob/ })).toContainText('Deactivate or delete');
  await expect(results.getByRole('row', { name: /^auditor/ })).toContainText(
    'Done: auditor.keyward',
  );
  await expect(page.getByText('2 key files written in')).toBeVisible();
  const passphrase = await page.getByRole('textbox', { name: 'auditor' }).inputValue();
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByText('Copied. Clipboard clears in')).toBeVisible();
  expect(platform.clipboard).toBe(passphrase);
  await page.getByRole('button', { name: 'Show in folder' }).click();
  expect(platform.shownInFolder).toEqual([path.join(outDir, 'alice.keyward')]);
  await capture('batch-3-results');

  // One new key each for alice and auditor, none for bob; each file opens for its person only.
  const added = (user: 'alice' | 'auditor') =>
    sandbox.state.keysOf(user).filter((key) => !before[user].includes(key.accessKeyId));
  expect(added('alice')).toHaveLength(1);
  expect(added('auditor')).toHaveLength(1);
  expect(keysBefore('bob')).toEqual(before.bob);
  const aliceCsv = await ageDecryptWithIdentity(
    readFileSync(path.join(outDir, 'alice.keyward'), 'utf8'),
    alice.identityFile,
  );
  expect(aliceCsv).toContain(`${added('alice')[0]?.accessKeyId ?? '?'},`);
  const auditorCsv = await ageDecryptWithPassphrase(
    path.join(outDir, 'auditor.keyward'),
    passphrase,
  );
  expect(auditorCsv).toContain(`${added('auditor')[0]?.accessKeyId ?? '?'},`);
});
