import { dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Keyward } from '../core/keyward';

/**
 * Closing the window or quitting while a new key's secret is not saved anywhere asks first: AWS
 * will never show that secret again.
 */
export function guardUnsavedSecrets(window: BrowserWindow, keyward: Keyward): void {
  let confirmed = false;
  // The page also refuses to unload while a secret is unsaved (for the browser harness); in the app
  // the question above is the one asked, so the page's refusal is not allowed to cancel silently.
  window.webContents.on('will-prevent-unload', (event) => {
    event.preventDefault();
  });
  window.on('close', (event) => {
    if (confirmed || !keyward.pending.hasUnsecured()) return;
    event.preventDefault();
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        buttons: ['Go back and save it', 'Close and lose the secret'],
        defaultId: 0,
        cancelId: 0,
        title: 'A new key is not saved yet',
        message: 'You created an access key whose secret is not saved anywhere yet.',
        detail:
          'AWS will never show this secret again. Go back to keep it in this computer’s keychain or save an encrypted copy. If you close now, the key will still exist in AWS but nobody will be able to use it; Keyward will remind you to delete it.',
      })
      .then(({ response }) => {
        if (response === 1) {
          confirmed = true;
          window.close();
        }
      });
  });
}
