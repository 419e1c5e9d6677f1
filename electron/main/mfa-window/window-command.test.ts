import { describe, expect, it } from 'vitest';
import { headlessSwitches } from '../../core/aws-config/program-location';
import { isMfaWindowLaunch, mfaWindowCommand } from './window-command';

describe('starting the MFA window process', () => {
  const running = {
    execPath: '/opt/Keyward/keyward',
    appPath: '/opt/Keyward/resources/app.asar',
    os: 'linux' as const,
    env: { DISPLAY: ':0' },
  };

  it('runs the same program, without the switches for starting with no display', () => {
    expect(mfaWindowCommand({ ...running, packaged: true })).toEqual([
      '/opt/Keyward/keyward',
      'mfa-window',
    ]);
    expect(mfaWindowCommand({ ...running, packaged: false })).toEqual([
      '/opt/Keyward/keyward',
      '/opt/Keyward/resources/app.asar',
      'mfa-window',
    ]);
  });

  it('does not try where no window can be shown', () => {
    expect(mfaWindowCommand({ ...running, packaged: true, env: {} })).toBeNull();
    expect(
      mfaWindowCommand({ ...running, packaged: true, env: { WAYLAND_DISPLAY: 'wayland-0' } }),
    ).not.toBeNull();
    expect(mfaWindowCommand({ ...running, packaged: true, os: 'darwin', env: {} })).not.toBeNull();
  });

  it('is recognised by the started process, and only in the word’s place', () => {
    expect(isMfaWindowLaunch(['/opt/Keyward/keyward', 'mfa-window'], true)).toBe(true);
    expect(isMfaWindowLaunch(['electron', '/src/keyward', 'mfa-window'], false)).toBe(true);
    expect(
      isMfaWindowLaunch(['electron', '--inspect=0', '/src/keyward', 'mfa-window'], false),
    ).toBe(true);
    expect(isMfaWindowLaunch(['/opt/Keyward/keyward'], true)).toBe(false);
    expect(isMfaWindowLaunch(['/opt/Keyward/keyward', ...headlessSwitches, 'whoami'], true)).toBe(
      false,
    );
    expect(isMfaWindowLaunch(['/opt/Keyward/keyward', 'keys', 'mfa-window'], true)).toBe(false);
  });
});
