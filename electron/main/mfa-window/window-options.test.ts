import { describe, expect, it } from 'vitest';
import { getMainWindowOptions } from '../window-options';
import { getMfaWindowOptions } from './window-options';

describe('the MFA window', () => {
  it('keeps every security setting of the main window', () => {
    expect(getMfaWindowOptions('/app/preload/mfa.cjs', false).webPreferences).toEqual(
      getMainWindowOptions('/app/preload/mfa.cjs', false).webPreferences,
    );
    expect(getMfaWindowOptions('p', true).webPreferences?.devTools).toBe(true);
  });

  it('is small, fixed and in front, and shows only once its page is ready', () => {
    expect(getMfaWindowOptions('p', false)).toMatchObject({
      width: 440,
      height: 440,
      resizable: false,
      alwaysOnTop: true,
      center: true,
      show: false,
    });
  });
});
