import type { Page } from '@playwright/test';

/**
 * Counts what a person does in the window, measured in the page rather than in the test script:
 * every trusted click, drop and file choice is one action, and typing into a field is one action
 * however many keys it takes (a new field, or the same field after something else was done, is a
 * new one). Enter or Escape pressed on its own counts too. Start it right after the app opens.
 */
export async function startCountingActions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const counted = window as unknown as { keywardActions?: number };
    counted.keywardActions = 0;
    let typingInto: EventTarget | null = null;
    const act = () => {
      counted.keywardActions = (counted.keywardActions ?? 0) + 1;
      typingInto = null;
    };
    const options = { capture: true };
    const onTrusted = (event: Event) => {
      if (event.isTrusted) act();
    };
    document.addEventListener('click', onTrusted, options);
    document.addEventListener('drop', onTrusted, options);
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' || event.key === 'Escape') onTrusted(event);
      },
      options,
    );
    document.addEventListener(
      'change',
      (event) => {
        // A file chooser's choice arrives as a change on the file input, with no click the page sees.
        if (event.target instanceof HTMLInputElement && event.target.type === 'file') act();
      },
      options,
    );
    document.addEventListener(
      'input',
      (event) => {
        if (!event.isTrusted || event.target === typingInto) return;
        act();
        typingInto = event.target;
      },
      options,
    );
  });
}

/** How many actions the person took since `startCountingActions`. */
export async function actionsTaken(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { keywardActions?: number }).keywardActions ?? 0,
  );
}
