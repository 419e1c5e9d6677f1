import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DesktopNotice } from '../electron/core/desktop/desktop-notices';
import { UpdateService } from '../electron/core/updates/update-service';
import { desktopWatchOf } from '../testing/desktop/watch-of';
import { nodeUpdater } from '../testing/updates/node-updater';
import { UpdateFeed } from '../testing/updates/update-feed';
import { expect, test } from './fixtures';
import type { Device } from './harness/device';
import { previewNotifications } from './harness/notification-preview';
import { openWithKeptKey } from './harness/starts';
import { openScreen } from './harness/ui';

/** The notices the device's Keyward raises at start, as main would hand them to the OS. */
async function noticesAtStart(device: Device): Promise<DesktopNotice[]> {
  const { watch, shown } = desktopWatchOf(device.core, device.platform.dataDir());
  await watch.atStart();
  return shown;
}

test('Settings → This computer: tray, start at login and each notification are saved as changed', async ({
  page,
  device,
  capture,
}) => {
  await openWithKeptKey(device, 'alice', 'work');
  await openScreen(page, 'Settings');
  const computer = page.getByRole('region', { name: 'This computer' });
  await expect(computer.getByRole('checkbox', { name: /Keep Keyward running/ })).not.toBeChecked();
  await expect(
    computer.getByRole('checkbox', { name: 'Start Keyward when I log in' }),
  ).not.toBeChecked();
  await expect(
    computer.getByRole('checkbox', { name: 'Update Keyward automatically' }),
  ).toBeChecked();
  await expect(computer.getByRole('status')).toHaveText(
    'This copy of Keyward does not update itself (it was not installed from an installer).',
  );
  await capture('settings-desktop-1-defaults');

  await computer.getByRole('checkbox', { name: 'Start Keyward when I log in' }).check();
  await expect(page.getByRole('status', { name: 'Announcements' })).toHaveText(
    'Keyward starts when you log in, with its window closed.',
  );
  await computer.getByRole('checkbox', { name: /Keep Keyward running/ }).check();
  await computer.getByRole('checkbox', { name: 'a new key was never saved' }).uncheck();
  await expect(
    computer.getByRole('checkbox', { name: 'a new key was never saved' }),
  ).not.toBeChecked();
  expect(await device.core.settings.read()).toMatchObject({
    startAtLogin: true,
    keepInTray: true,
    noticesOff: ['lost-key'],
  });
  await capture('settings-desktop-2-chosen');
});

test('an update downloaded and checked in the background is offered, and restarting is asked', async ({
  page,
  device,
  capture,
}) => {
  const feed = new UpdateFeed();
  await feed.start();
  try {
    feed.publish({ version: '9.1.0', file: Buffer.from('the next Keyward') });
    const updater = await nodeUpdater({
      version: device.services.appVersion,
      feedUrl: feed.url,
      folder: await mkdtemp(path.join(tmpdir(), 'keyward-e2e-update-')),
    });
    // Installing is the OS's step (dpkg, the NSIS installer): here it is only recorded.
    const installs: unknown[] = [];
    updater.quitAndInstall = (...args) => void installs.push(args);
    const updates = new UpdateService({
      updater: () => Promise.resolve(updater),
      policy: () => Promise.resolve({ updates: 'on', feedUrl: null }),
      busyReason: () => null,
    });
    device.services.updates = updates;
    expect(await updates.check()).toEqual({ kind: 'ready', version: '9.1.0' });

    await openWithKeptKey(device, 'alice', 'work');
    const banner = page.getByRole('region', { name: 'Keyward 9.1.0 is ready' });
    await expect(banner).toContainText('downloaded and checked in the background');
    await capture('settings-desktop-3-update-ready');

    await banner.getByRole('button', { name: 'Later' }).click();
    await expect(banner).toBeHidden();
    await openScreen(page, 'Settings');
    await expect(page.getByRole('region', { name: 'This computer' })).toContainText(
      'Keyward 9.1.0 is downloaded and checked. Restart Keyward to use it.',
    );
    await page
      .getByRole('region', { name: 'This computer' })
      .getByRole('button', { name: 'Restart to update' })
      .click();
    await expect.poll(() => installs).toEqual([[false, true]]);
  } finally {
    await feed.stop();
  }
});

test('notifications name the key and what to do, never its ID; clicking one opens the place', async ({
  page,
  device,
  capture,
}) => {
  await openWithKeptKey(device, 'alice', 'work', 120);
  const notices = await noticesAtStart(device);
  expect(notices).toEqual([
    {
      kind: 'key-age',
      title: 'A key is due to be replaced',
      body: 'Your key “work” has passed the age limit. Open Keyward to replace it.',
      opens: 'my-keys',
    },
  ]);
  const kept = await device.profiles.get('work');
  expect(JSON.stringify(notices)).not.toContain(kept?.accessKeyId ?? 'no key');
  expect(JSON.stringify(notices)).not.toContain(kept?.secretAccessKey ?? 'no secret');
  const preview = await previewNotifications(page, notices);
  await capture('notification-1-key-age', preview);
  await preview.close();

  // Seen once: the next check says nothing new.
  expect(await noticesAtStart(device)).toEqual([]);

  // The click: main brings the window forward and tells the page where to go.
  await openScreen(page, 'Settings');
  await device.app?.notify('open.myKeys');
  await expect(page.getByRole('heading', { level: 2, name: 'My keys' })).toBeVisible();
  await device.app?.notify('open.history');
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
});
