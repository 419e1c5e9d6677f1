import { mfaWindowSize } from '../electron/main/mfa-window/window-options';
import { expect, test } from './fixtures';
import type { Page } from './fixtures';
import { openMfaWindowPage } from './harness/mfa-window-page';
import type { MfaWindowPage } from './harness/mfa-window-page';

// The small window the packaged app opens when `credential_process` needs an MFA code, at its
// real size, with the command process that asked played by the test.
test.use({ viewport: mfaWindowSize });

const ask = {
  profile: 'work',
  accountId: '123456789012',
  serialNumber: 'arn:aws:iam::123456789012:mfa/alice',
  problem: null,
};
const refusal =
  'AWS did not accept that code. Type the code your authenticator app shows now (it changes every 30 seconds).';

let mfa: MfaWindowPage;
let pageErrors: string[];

test.beforeEach(async ({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  mfa = await openMfaWindowPage(page);
});

test.afterEach(async () => {
  await mfa.close();
  // Nothing the page did may be refused by the Content-Security-Policy or throw.
  expect(pageErrors, 'errors in the page console').toEqual([]);
});

function codeField(page: Page) {
  return page.getByRole('textbox', { name: 'Code from your MFA device “alice”' });
}

test.describe('the MFA window', () => {
  test('names the profile, the account and the device, and hands on the code typed', async ({
    page,
    capture,
  }) => {
    mfa.ask(ask);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Keyward needs your MFA code' }),
    ).toBeVisible();
    await expect(page.getByText('An AWS command on this computer wants a session')).toContainText(
      'profile work in AWS account 123456789012',
    );
    await expect(codeField(page)).toBeFocused();
    await expect(codeField(page)).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(codeField(page)).toHaveAttribute('inputmode', 'numeric');
    await capture('mfa-window', page);

    await page.keyboard.type('123 456');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Checking with AWS…');
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
    expect(mfa.said).toEqual([{ code: '123456' }]);

    mfa.done();
    await expect(page.getByRole('status')).toContainText('Thank you');
    expect(mfa.finished).toBe(true);
  });

  test('a code AWS refused: says so, clears the field and asks again', async ({
    page,
    capture,
  }) => {
    mfa.ask(ask);
    await codeField(page).fill('111111');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => mfa.said).toEqual([{ code: '111111' }]);

    mfa.ask({ ...ask, problem: refusal });
    await expect(page.getByRole('alert')).toHaveText(refusal);
    await expect(codeField(page)).toHaveValue('');
    await expect(codeField(page)).toBeFocused();
    await expect(codeField(page)).toHaveAttribute('aria-invalid', 'true');
    await capture('mfa-window-refused', page);
    // The window cannot be resized: everything fits without scrolling.
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight),
    ).toBe(true);

    await page.keyboard.type('222222');
    await page.keyboard.press('Enter');
    await expect.poll(() => mfa.said).toEqual([{ code: '111111' }, { code: '222222' }]);
    await expect(page.getByRole('status')).toHaveText('Checking with AWS…');
  });

  test('a code that is not six digits: says what a code is, hands nothing on', async ({ page }) => {
    mfa.ask(ask);
    await codeField(page).fill('12345');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText(
      'Type the 6 digits your authenticator app shows.',
    );
    await expect(codeField(page)).toBeFocused();
    expect(mfa.said).toEqual([]);
  });

  test('Escape cancels, and the window closes', async ({ page }) => {
    mfa.ask(ask);
    await expect(codeField(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('status')).toContainText('Cancelled');
    expect(mfa.said).toEqual([{ cancel: true }]);
    expect(mfa.finished).toBe(true);
  });

  test('Cancel is reached with the keyboard', async ({ page }) => {
    mfa.ask(ask);
    await expect(codeField(page)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => mfa.said).toEqual([{ cancel: true }]);
  });
});
