import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/**
 * On Linux, runs this very command again inside a private D-Bus session with a throwaway,
 * unlocked GNOME Keyring (as `npm test` does), so the keychain figures use a real Secret Service
 * without touching the person's own keyring. Returns only when no re-run is needed or possible.
 */
export function rerunInKeyringSession(): void {
  if (process.platform !== 'linux' || process.env['KEYWARD_BENCH_SESSION']) return;
  if (!onPath('dbus-run-session') || !onPath('gnome-keyring-daemon')) return;
  const home = mkdtempSync(path.join(tmpdir(), 'keyward-bench-keyring-'));
  const command = [process.execPath, ...process.execArgv, ...process.argv.slice(1)]
    .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
    .join(' ');
  const inner = [
    'printf keyward-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
    `exec ${command}`,
  ].join('; ');
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: {
      ...process.env,
      KEYWARD_BENCH_SESSION: '1',
      XDG_DATA_HOME: home,
      XDG_CONFIG_HOME: home,
    },
  });
  rmSync(home, { recursive: true, force: true });
  process.exit(result.status ?? 0);
}
