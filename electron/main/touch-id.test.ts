import { describe, expect, it } from 'vitest';
import { touchIdOn } from './touch-id';
import type { TouchIdPreferences } from './touch-id';

/** macOS's answers, as a test scripts them: whether a sensor is set up, and what the person does. */
function preferences(canPrompt: boolean, outcome: 'touched' | 'cancelled') {
  const asked: string[] = [];
  const prefs: TouchIdPreferences = {
    canPromptTouchID: () => canPrompt,
    promptTouchID: (reason) => {
      asked.push(reason);
      return outcome === 'touched' ? Promise.resolve() : Promise.reject(new Error('User canceled'));
    },
  };
  return { prefs, asked };
}

describe('Touch ID through Electron', () => {
  it('asks on a Mac with a sensor set up, with the reason given', async () => {
    const { prefs, asked } = preferences(true, 'touched');
    const touchId = touchIdOn('darwin', prefs);
    expect(touchId.available()).toBe(true);
    expect(await touchId.confirm('copy the secret of your key “work”')).toBe('confirmed');
    expect(asked).toEqual(['copy the secret of your key “work”']);
  });

  it('counts a cancelled or failed prompt as refused', async () => {
    const { prefs } = preferences(true, 'cancelled');
    expect(await touchIdOn('darwin', prefs).confirm('copy')).toBe('refused');
  });

  it('asks nothing on a Mac without Touch ID, nor on Windows or Linux', async () => {
    for (const [os, canPrompt] of [
      ['darwin', false],
      ['win32', true],
      ['linux', true],
    ] as const) {
      const { prefs, asked } = preferences(canPrompt, 'touched');
      const touchId = touchIdOn(os, prefs);
      expect(touchId.available()).toBe(false);
      expect(await touchId.confirm('copy')).toBe('unavailable');
      expect(asked).toEqual([]);
    }
  });
});
