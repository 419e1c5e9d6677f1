import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sealHandoff } from '../electron/core/handoff/handoff-file';
import { expect, test } from './fixtures';
import { openWithKeyFile } from './harness/starts';

// Text that arrives from outside (a key file's description, names) must be shown as text, never
// run or rendered as markup.
const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

test('a key file whose description carries HTML and script shows it as plain text', async ({
  page,
  device,
  sandbox,
  capture,
}) => {
  const code = await device.services.core.handoff.receivingCode();
  const file = path.join(device.platform.dataDir(), 'hostile.keyward');
  const key = sandbox.credentialsFor('alice');
  writeFileSync(
    file,
    await sealHandoff(
      [
        {
          ...key,
          userName: 'alice',
          accountId: sandbox.accountId,
          description: hostile,
          created: new Date().toISOString(),
        },
      ],
      { kind: 'recipients', codes: [code] },
    ),
  );
  await openWithKeyFile(device, file);
  await expect(page.getByText(hostile, { exact: false })).toBeVisible();
  await capture('injection-description-as-text');
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
});
