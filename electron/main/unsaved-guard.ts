/** The parts of Keyward's window the guard needs: Electron's BrowserWindow, or a test's stand-in. */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  webContents: {
    on(
      event: 'will-prevent-unload',
      listener: (event: { preventDefault(): void }) => void,
    ): unknown;
  };
}

/** Asks whether to close anyway and lose the secret (true) or go back (false). */
export type AskToLoseSecret = () => Promise<boolean>;

/**
 * Closing the window or quitting while a new key's secret is not saved anywhere asks first: AWS
 * will never show that secret again.
 */
export function guardUnsavedSecrets(
  window: GuardedWindow,
  held: { hasUnsecured(): boolean },
  askToLose: AskToLoseSecret,
): void {
  let confirmed = false;
  let asking = false;
  // The page also refuses to unload while a secret is unsaved (for the browser harness); in the app
  // the question below is the one asked, so the page's refusal is not allowed to cancel silently.
  // A reload (development only: production has no Reload) therefore goes ahead; the page then asks
  // main for held keys and shows them again.
  window.webContents.on('will-prevent-unload', (event) => {
    event.preventDefault();
  });
  window.on('close', (event) => {
    if (confirmed || !held.hasUnsecured()) return;
    event.preventDefault();
    if (asking) return; // a second close while the question is open asks nothing new
    asking = true;
    void askToLose().then((lose) => {
      asking = false;
      if (!lose) return;
      confirmed = true;
      window.close();
    });
  });
}
