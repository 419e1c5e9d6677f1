import { keyringSessionTools, rerunInKeyringSession } from '../scripts/keyring-session.mjs';

/**
 * On Linux, runs this very command again inside a private D-Bus session with a throwaway,
 * unlocked GNOME Keyring (as `npm test` does), so the keychain figures use a real Secret Service
 * without touching the person's own keyring. Returns only when no re-run is needed or possible.
 */
export function rerunBenchInKeyringSession(): void {
  if (process.platform !== 'linux' || process.env['KEYWARD_BENCH_SESSION']) return;
  if (!keyringSessionTools()) return;
  process.exit(rerunInKeyringSession('KEYWARD_BENCH_SESSION', 'keyward-bench') ?? 0);
}
