// A private D-Bus session with a throwaway, unlocked GNOME Keyring (its files in a temporary
// folder, never the person's own keyring): how `npm test` and `npm run bench` reach a real
// Secret Service on Linux. Both run themselves again inside one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Whether this machine has what a keyring session needs. */
export function keyringSessionTools() {
  return onPath('dbus-run-session') && onPath('gnome-keyring-daemon');
}

/**
 * Runs this process's own command line again inside a keyring session, with `marker` set in its
 * environment so that the run inside knows it is there, and returns its exit status (null when a
 * signal ended it). The keyring is unlocked with `password`, a fixed word: it guards nothing.
 */
export function rerunInKeyringSession(marker, password) {
  const home = mkdtempSync(path.join(tmpdir(), 'keyward-keyring-'));
  const command = [process.execPath, ...process.execArgv, ...process.argv.slice(1)]
    .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
    .join(' ');
  const inner = [
    // Unlocking with a password on stdin creates the default collection without a prompt.
    `printf ${password} | gnome-keyring-daemon --unlock --components=secrets >/dev/null`,
    `exec ${command}`,
  ].join('; ');
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: { ...process.env, [marker]: '1', XDG_DATA_HOME: home, XDG_CONFIG_HOME: home },
  });
  rmSync(home, { recursive: true, force: true });
  return result.status;
}
