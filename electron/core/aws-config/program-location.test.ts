import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../../testing/core/refusal';
import {
  checkProgramLocation,
  headlessSwitches,
  packagedCommand,
  programOf,
} from './program-location';
import type { FolderFacts, InspectFolder } from './program-location';

/** Stand-in folders: every folder is the person's own (0755) unless listed. */
function folders(listed: Record<string, FolderFacts>): InspectFolder {
  return (folder) => Promise.resolve(listed[folder] ?? { mode: 0o40755, gid: 0 });
}

/** The packaged Linux app's command, started as `execPath`, from an AppImage when one is given. */
function onLinux(execPath: string, appImage?: string): string[] {
  return packagedCommand({
    os: 'linux',
    execPath,
    env: appImage === undefined ? {} : { APPIMAGE: appImage },
  });
}

describe('the program written into credential_process by the packaged app', () => {
  it('is the AppImage file the person keeps, never its temporary mount', () => {
    const command = onLinux(
      '/tmp/.mount_KeywarAbC123/keyward',
      '/home/sam/Applications/Keyward-0.1.0.AppImage',
    );
    expect(command[0]).toBe('/home/sam/Applications/Keyward-0.1.0.AppImage');
    expect(command.join(' ')).not.toContain('.mount_');
  });

  it('on Linux starts without a display (headless Ozone, no GPU)', () => {
    const command = onLinux('/opt/Keyward/keyward');
    expect(command).toEqual(['/opt/Keyward/keyward', '--ozone-platform=headless', '--disable-gpu']);
    expect(headlessSwitches).toContain('--ozone-platform=headless');
  });

  it('is the app executable on macOS and Windows, with no Linux switches', () => {
    const mac = '/Applications/Keyward.app/Contents/MacOS/Keyward';
    expect(packagedCommand({ os: 'darwin', execPath: mac, env: { APPIMAGE: '/x' } })).toEqual([
      mac,
    ]);
    const win = 'C:\\Users\\sam\\AppData\\Local\\Programs\\Keyward\\Keyward.exe';
    expect(packagedCommand({ os: 'win32', execPath: win, env: {} })).toEqual([win]);
  });

  it('ignores a relative APPIMAGE value', () => {
    const command = onLinux('/opt/Keyward/keyward', 'Keyward.AppImage');
    expect(command[0]).toBe('/opt/Keyward/keyward');
  });
});

describe('where Keyward’s program may be set up from', () => {
  it('refuses a macOS app that Gatekeeper translocated, asking to move it to Applications', async () => {
    const error = await refusal(
      checkProgramLocation(
        [
          '/private/var/folders/zz/abc/T/AppTranslocation/1F2E/d/Keyward.app/Contents/MacOS/Keyward',
        ],
        'darwin',
        folders({}),
      ),
    );
    expect(error.hint).toBe('Move Keyward to Applications, then set it up again.');
  });

  it('refuses a macOS app running from its mounted disk image', async () => {
    const error = await refusal(
      checkProgramLocation(
        ['/Volumes/Keyward 0.1.0/Keyward.app/Contents/MacOS/Keyward'],
        'darwin',
        folders({}),
      ),
    );
    expect(error.hint).toBe('Move Keyward to Applications, then set it up again.');
  });

  it('accepts /Applications, which only admins may write to', async () => {
    await expect(
      checkProgramLocation(
        ['/Applications/Keyward.app/Contents/MacOS/Keyward'],
        'darwin',
        folders({ '/Applications': { mode: 0o40775, gid: 80 } }),
      ),
    ).resolves.toBeUndefined();
  });

  it('refuses a program under a world-writable folder such as /tmp, even in a private subfolder', async () => {
    const error = await refusal(
      checkProgramLocation(
        ['/tmp/.mount_KeywarAbC123/keyward'],
        'linux',
        folders({
          '/tmp/.mount_KeywarAbC123': { mode: 0o40700, gid: 1000 },
          '/tmp': { mode: 0o41777, gid: 0 },
        }),
      ),
    );
    expect(error.message).toContain('/tmp');
    expect(error.message).toMatch(/other people on this computer can change/);
  });

  it('refuses a program in a group-writable folder', async () => {
    const error = await refusal(
      checkProgramLocation(
        ['/srv/tools/keyward'],
        'linux',
        folders({ '/srv/tools': { mode: 0o40775, gid: 1001 } }),
      ),
    );
    expect(error.message).toContain('/srv/tools');
  });

  it('checks every absolute argument (the script as well as Node)', async () => {
    const error = await refusal(
      checkProgramLocation(
        ['/usr/bin/node', '/var/shared/keyward/bin/keyward'],
        'linux',
        folders({ '/var/shared': { mode: 0o40777, gid: 0 } }),
      ),
    );
    expect(error.message).toContain('/var/shared');
  });

  it('accepts the person’s own folders and system folders', async () => {
    await expect(
      checkProgramLocation(
        ['/home/sam/Applications/Keyward.AppImage', '--ozone-platform=headless'],
        'linux',
        folders({}),
      ),
    ).resolves.toBeUndefined();
  });

  it('judges real folders: a program in the system temp folder is refused', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'keyward-program-'));
    const program = path.join(folder, 'keyward');
    writeFileSync(program, '#!/bin/sh\n', { mode: 0o755 });
    await expect(checkProgramLocation([program], 'linux')).rejects.toThrow(
      /other people on this computer can change/,
    );
  });
});

describe('reading the program back from a credential_process line', () => {
  it('takes the first word, quoted or not', () => {
    expect(programOf('"/opt/Key ward/keyward" credential-process --profile work')).toBe(
      '/opt/Key ward/keyward',
    );
    expect(
      programOf('/opt/Keyward/keyward --ozone-platform=headless credential-process --profile w'),
    ).toBe('/opt/Keyward/keyward');
    expect(programOf('   ')).toBeNull();
  });
});
