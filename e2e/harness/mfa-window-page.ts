import type { Page } from '@playwright/test';
import { buildMfaBridge } from '../../electron/common/mfa-window';
import type { MfaWindowMethod, MfaWindowRequest } from '../../electron/common/mfa-window';
import type { FromWindow } from '../../electron/main/mfa-window/protocol';
import { MfaWindowSession } from '../../electron/main/mfa-window/window-session';
import { serveBuiltRenderer } from './renderer-server';

const bindingName = '__keywardMfaInvoke';

export interface MfaWindowPage {
  /** What the window said to the command process that asked, in order. */
  said: FromWindow[];
  /** The command process asks (again, with `problem`, after AWS refused a code). */
  ask(request: MfaWindowRequest): void;
  /** The command process has its session: the window closes. */
  done(): void;
  /** The window asked to close (cancelled, or done). */
  readonly finished: boolean;
  close(): Promise<void>;
}

/**
 * Loads the built mfa.html into a Chromium page and gives it `window.keywardMfa`, built by the
 * same `buildMfaBridge` the MFA preload runs and backed by the real window session of the MFA
 * window process (electron/main/mfa-window/window-session.ts); the test plays the command
 * process that asks.
 */
export async function openMfaWindowPage(page: Page): Promise<MfaWindowPage> {
  const server = await serveBuiltRenderer();
  const said: FromWindow[] = [];
  let finished = false;
  const session = new MfaWindowSession(
    (message) => said.push(message),
    () => {
      finished = true;
    },
  );
  await page.exposeBinding(bindingName, ({ frame }, method: MfaWindowMethod, input: unknown) => {
    // As in Electron: only the page's own top frame may answer.
    if (frame !== page.mainFrame()) throw new Error('refused');
    if (method === 'next') return session.next();
    if (method === 'submit') return session.submit(input);
    session.cancel();
    return undefined;
  });
  await page.addInitScript(`(() => {
    const invoke = window[${JSON.stringify(bindingName)}];
    const api = (${buildMfaBridge.toString()})((method, input) => invoke(method, input));
    Object.defineProperty(window, 'keywardMfa', { value: api, enumerable: true });
  })();`);
  await page.goto(`${server.origin}/mfa.html`);
  return {
    said,
    ask: (request) => {
      session.fromParent({ ask: request });
    },
    done: () => {
      session.fromParent({ done: true });
    },
    get finished() {
      return finished;
    },
    close: () => server.close(),
  };
}
