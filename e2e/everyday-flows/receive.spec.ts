import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HandoffLockRequest } from '../../electron/common/domain';
import type { HandoffDesk } from '../../electron/core/handoff/handoff-desk';
import { expect, test } from '../fixtures';
import type { Page } from '../fixtures';
import { sealedTo, withPassphrase } from '../harness/admin-desk';
import type { AdminDesk } from '../harness/admin-desk';
import { openWithKeptKey } from '../harness/starts';
import { doubleClickKeyFile, goTo, unlockKeyFile } from '../harness/ui';

/**
 * Holds back the answer of the next call of one of the hand-off desk's steps in main until the
 * test lets it go, so a second file can be opened while the first is still being worked on,
 * whatever the machine's speed. The real step runs at once and unchanged; only its answer waits.
 * `settled` says when that answer has left for the page.
 */
function holdNext(desk: HandoffDesk, step: 'unlock' | 'claim') {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { settled: false, release };
  const real = desk[step].bind(desk) as (...args: unknown[]) => Promise<unknown>;
  let held = false;
  (desk as unknown as Record<string, unknown>)[step] = async (...args: unknown[]) => {
    if (held) return real(...args);
    held = true;
    const answer = real(...args);
    try {
      await gate;
      return await answer;
    } finally {
      state.settled = true;
    }
  };
  return state;
}

/** Two key files locked with `lock`: the first for alice (described "A"), then the auditor's ("B"). */
async function twoKeyFiles(admin: AdminDesk, lock: HandoffLockRequest) {
  const first = await admin.handOver('alice', lock, 'A');
  const second = await admin.handOver('auditor', lock, 'B');
  return { first, second };
}

async function expectBrokenFileExplained(page: Page, message: string | RegExp): Promise<void> {
  await expect(
    page.getByRole('heading', { level: 2, name: 'Get a key from your admin' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(message);
}

test('a broken or missing key file double-clicked while Keyward runs says what is wrong', async ({
  page,
  device,
}) => {
  await openWithKeptKey(device, 'bob');
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();

  const broken = path.join(device.platform.dataDir(), 'broken.keyward');
  writeFileSync(broken, 'this is not a key file at all');
  await doubleClickKeyFile(device, broken);
  await expectBrokenFileExplained(page, 'This is not a Keyward key file.');

  // Back to My keys, then a file that was moved away before Keyward could read it.
  await goTo(page, 'My keys');
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  const gone = path.join(device.platform.dataDir(), 'gone.keyward');
  await doubleClickKeyFile(device, gone);
  await expectBrokenFileExplained(page, `There is no file at ${gone}.`);
});

test('Keyward started by double-clicking a broken key file says what is wrong', async ({
  page,
  device,
}) => {
  const gone = path.join(device.platform.dataDir(), 'gone.keyward');
  // Held before Keyward opens: as when the file's double-click is what started Keyward.
  device.core.handoff.offerFile(gone);
  await openWithKeptKey(device, 'bob');
  await expectBrokenFileExplained(page, `There is no file at ${gone}.`);
});

test.describe('a second key file double-clicked while the first is worked on', () => {
  // Each waits for main to finish with the first file, seconds of work on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test('a second key file double-clicked while the first is unlocking is the one on screen', async ({
    page,
    device,
    admin,
    launch,
  }) => {
    const { first, second } = await twoKeyFiles(admin, withPassphrase);
    await launch();
    const unlocking = holdNext(device.core.handoff, 'unlock');

    await doubleClickKeyFile(device, first.file);
    await expect(page.getByRole('heading', { name: 'Unlock the key file' })).toBeVisible();
    const passphrase = page.getByLabel('Passphrase', { exact: true });
    await passphrase.fill(first.passphrase ?? '');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('button', { name: /Unlocking…/ })).toBeVisible();

    // While the first file unlocks, the person double-clicks the second one.
    await doubleClickKeyFile(device, second.file);
    await expect(page.getByText(path.basename(second.file), { exact: true })).toBeVisible();
    unlocking.release();
    // Unlocking a passphrase file takes seconds of work in main, more on a busy machine.
    await expect.poll(() => unlocking.settled, { timeout: 60_000 }).toBe(true);

    // The first file's passphrase is not left in the field, and its late answer changes nothing.
    await expect(page.getByRole('heading', { name: 'Unlock the key file' })).toBeVisible();
    await expect(page.getByText(path.basename(second.file), { exact: true })).toBeVisible();
    await expect(passphrase).toHaveValue('');
    await unlockKeyFile(page, second.passphrase ?? '');
    await expect(page.getByText(second.accessKeyId)).toBeVisible();
    await expect(page.getByLabel('Name for this key')).toHaveValue('auditor');
    await page.getByRole('button', { name: 'Check and keep the key' }).click();
    await expect(
      page.getByRole('heading', { level: 2, name: 'The key is ready to use' }),
    ).toBeVisible();
    const kept = await device.profiles.list();
    expect(kept.map((p) => p.accessKeyId)).toEqual([second.accessKeyId]);
  });

  test('a key file double-clicked while another is being kept shows the new file and keeps the first', async ({
    page,
    device,
    admin,
    launch,
  }) => {
    const { first, second } = await twoKeyFiles(admin, await sealedTo(device));
    await launch();
    const claiming = holdNext(device.core.handoff, 'claim');

    await doubleClickKeyFile(device, first.file);
    await expect(page.getByLabel('Name for this key')).toHaveValue('alice');
    await page.getByRole('button', { name: 'Check and keep the key' }).click();
    await expect(page.getByRole('button', { name: /Checking the key with AWS…/ })).toBeVisible();

    // While the first key is being checked and kept, the person double-clicks the second file.
    await doubleClickKeyFile(device, second.file);
    await expect(page.getByText(second.accessKeyId)).toBeVisible();
    claiming.release();
    await expect.poll(() => claiming.settled, { timeout: 30_000 }).toBe(true);
    // The claim already sent finishes: the first key is kept, but the screen stays on the second.
    await expect
      .poll(async () => (await device.profiles.list()).map((p) => p.name))
      .toEqual(['alice']);

    await expect(
      page.getByRole('heading', { name: 'Check the key and give it a name' }),
    ).toBeVisible();
    await expect(page.getByText(second.accessKeyId)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByLabel('Name for this key')).toHaveValue('auditor');
    await page.getByRole('button', { name: 'Check and keep the key' }).click();
    await expect(
      page.getByRole('heading', { level: 2, name: 'The key is ready to use' }),
    ).toBeVisible();
    await expect(page.getByText('“auditor”')).toBeVisible();
    const kept = await device.profiles.list();
    expect(kept.map((p) => p.name).sort()).toEqual(['alice', 'auditor']);
  });
});
