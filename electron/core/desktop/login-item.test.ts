import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoginItem, startedAtLoginSwitch } from './login-item';

let home: string;
let asked: { openAtLogin: boolean; args?: string[] }[];

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'keyward-login-'));
  asked = [];
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function loginItem(os: NodeJS.Platform, env: NodeJS.ProcessEnv = {}) {
  return new LoginItem({
    os,
    osItems: { setLoginItemSettings: (settings) => asked.push(settings) },
    executable: '/home/maria/Applications/Keyward "new" $HOME.AppImage',
    env,
    home,
  });
}

describe('start at login', () => {
  it('writes an XDG autostart entry on Linux that desktop-file-validate accepts', async () => {
    const item = loginItem('linux');
    await item.set(true);

    expect(item.autostartFile).toBe(path.join(home, '.config', 'autostart', 'keyward.desktop'));
    const entry = await readFile(item.autostartFile, 'utf8');
    expect(entry).toContain(
      `Exec="/home/maria/Applications/Keyward \\"new\\" \\$HOME.AppImage" ${startedAtLoginSwitch}`,
    );
    await expect(
      promisify(execFile)('/usr/bin/desktop-file-validate', [item.autostartFile]),
    ).resolves.toMatchObject({ stdout: '' });
    expect(asked).toEqual([]);
  });

  it('removes the entry when turned off, and honours XDG_CONFIG_HOME', async () => {
    const item = loginItem('linux', { XDG_CONFIG_HOME: path.join(home, 'cfg') });
    await item.set(true);
    expect(item.autostartFile).toBe(path.join(home, 'cfg', 'autostart', 'keyward.desktop'));

    await item.set(false);
    await expect(stat(item.autostartFile)).rejects.toMatchObject({ code: 'ENOENT' });
    await item.set(false); // already off: nothing to do, no error
  });

  it('uses the OS’s own login items on macOS and Windows', async () => {
    await loginItem('darwin').set(true);
    await loginItem('win32').set(false);

    expect(asked).toEqual([
      { openAtLogin: true, args: [startedAtLoginSwitch] },
      { openAtLogin: false, args: [] },
    ]);
  });
});
