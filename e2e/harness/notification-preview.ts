import type { Page } from '@playwright/test';
import type { DesktopNotice } from '../../electron/core/desktop/desktop-notices';

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (char) => `&#${String(char.charCodeAt(0))};`);

/**
 * What the OS would show for a notification Keyward raised: drawn in a page of its own, as a
 * desktop's notification bubble looks, so a person can judge its words in a screenshot. The words
 * are Keyward's (DesktopNotices); the frame is the harness's.
 */
export async function previewNotifications(
  opener: Page,
  notices: readonly DesktopNotice[],
): Promise<Page> {
  const page = await opener.context().newPage();
  await page.setViewportSize({ width: 460, height: 120 + notices.length * 110 });
  const bubbles = notices
    .map(
      (notice) => `
      <section class="bubble" aria-label="Notification from Keyward">
        <p class="app">Keyward</p>
        <h1>${escape(notice.title)}</h1>
        <p>${escape(notice.body)}</p>
      </section>`,
    )
    .join('');
  await page.setContent(`<!doctype html><html lang="en"><head><title>Notifications</title>
    <style>
      body { font: 15px system-ui, sans-serif; background: #3b4252; margin: 0; padding: 16px; }
      main { display: grid; gap: 12px; }
      .bubble { background: #fafafa; color: #1b1b1b; border-radius: 12px; padding: 12px 16px;
        box-shadow: 0 4px 16px rgb(0 0 0 / 35%); }
      .app { margin: 0; font-size: 12px; color: #4a4a4a; }
      h1 { font-size: 15px; margin: 4px 0; }
      .bubble p:last-child { margin: 0; }
    </style></head><body><main>${bubbles}</main></body></html>`);
  return page;
}
