import { describe, expect, it } from 'vitest';
import { guardUnsavedSecrets } from './unsaved-guard';
import type { GuardedWindow } from './unsaved-guard';

type Listener = (event: { preventDefault(): void }) => void;

/** A stand-in window: `close()` fires 'close' as Electron does, and closes unless prevented. */
function standInWindow() {
  const listeners = new Map<string, Listener>();
  const state = { closed: false };
  const fire = (name: string) => {
    let prevented = false;
    listeners.get(name)?.({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  const window: GuardedWindow = {
    on: (name, listener) => listeners.set(name, listener),
    close: () => {
      if (!fire('close')) state.closed = true;
    },
    webContents: { on: (name, listener) => listeners.set(name, listener) },
  };
  return { window, state, fire };
}

/**
 * A stand-in window guarded as main guards its window, with or without a secret `held`; each
 * question is answered with `loseSecret`, and `asked()` counts them.
 */
function guardedWindow({ held, loseSecret }: { held: boolean; loseSecret: boolean }) {
  const standIn = standInWindow();
  let asked = 0;
  guardUnsavedSecrets(standIn.window, { hasUnsecured: () => held }, () => {
    asked++;
    return Promise.resolve(loseSecret);
  });
  return { ...standIn, asked: () => asked };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('closing Keyward with a new key’s secret kept nowhere', () => {
  it('closes at once when nothing is held', () => {
    const { window, state, asked } = guardedWindow({ held: false, loseSecret: true });
    window.close();
    expect(state.closed).toBe(true);
    expect(asked()).toBe(0);
  });

  it('asks first, and going back keeps the window open', async () => {
    const { window, state, asked } = guardedWindow({ held: true, loseSecret: false });
    window.close();
    await tick();
    expect(asked()).toBe(1);
    expect(state.closed).toBe(false);
  });

  it('closes after the person chose to lose the secret', async () => {
    const { window, state } = guardedWindow({ held: true, loseSecret: true });
    window.close();
    expect(state.closed).toBe(false);
    await tick();
    expect(state.closed).toBe(true);
  });

  it('asks once when close is pressed twice while the question is open', async () => {
    const { window } = standInWindow();
    let asked = 0;
    let answer: (lose: boolean) => void = () => undefined;
    guardUnsavedSecrets(window, { hasUnsecured: () => true }, () => {
      asked++;
      return new Promise((resolve) => (answer = resolve));
    });
    window.close();
    window.close();
    expect(asked).toBe(1);
    answer(false);
    await tick();
  });

  it('does not let the page’s own unload refusal cancel silently', () => {
    const { fire } = guardedWindow({ held: true, loseSecret: false });
    expect(fire('will-prevent-unload')).toBe(true);
  });
});
