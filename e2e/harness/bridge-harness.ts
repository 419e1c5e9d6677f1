import type { Page } from '@playwright/test';
import { buildBridge } from '../../electron/common/bridge';
import { methodNames } from '../../electron/common/contract';
import type { NoticeName } from '../../electron/common/contract';
import { createDispatcher } from '../../electron/core/ipc/dispatch';
import type { Dispatch } from '../../electron/core/ipc/dispatch';
import { createHandlers } from '../../electron/core/handlers';
import type { Services } from '../../electron/core/handlers';
import { serveBuiltRenderer } from './renderer-server';
import type { RendererServer } from './renderer-server';

const bindingName = '__keywardInvoke';
const noticeHook = '__keywardNotice';

export interface HarnessedApp {
  url: string;
  dispatch: Dispatch;
  /** Main's unasked message to the page, as Electron's shell sends it (see noticeNames). */
  notify(notice: NoticeName): Promise<void>;
  /** Resolves once no bridge call from the page is still running in the handlers. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Loads the built renderer into a Chromium page and gives it `window.keyward`, backed by the real
 * main-process handlers in this process through the same dispatcher (sender check, schema parse)
 * that Electron's IPC uses. The page gets one binding, hidden behind the bridge object, and no
 * other way to reach Node.
 */
export async function openHarnessedApp(page: Page, services: Services): Promise<HarnessedApp> {
  const server: RendererServer = await serveBuiltRenderer();
  const dispatch = createDispatcher(createHandlers(services), server.origin);
  const inFlight = new Set<Promise<unknown>>();
  await page.exposeBinding(bindingName, ({ frame }, method: unknown, input: unknown) => {
    const call = dispatch(String(method), input, {
      url: frame.url(),
      isMainFrame: frame === page.mainFrame(),
    });
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
    return call;
  });
  await page.addInitScript(bridgeScript());
  await page.goto(`${server.origin}/index.html`);
  return {
    url: server.origin,
    dispatch,
    notify: (notice) =>
      page.evaluate(
        ([hook, name]) => {
          (window as unknown as Record<string, (notice: string) => void>)[hook]?.(name);
        },
        [noticeHook, notice] as const,
      ),
    settled: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: () => server.close(),
  };
}

/** The same `buildBridge` the preload runs, as page source. */
function bridgeScript(): string {
  return `(() => {
    const invoke = window[${JSON.stringify(bindingName)}];
    const listeners = new Set();
    const listen = (listener) => { listeners.add(listener); return () => listeners.delete(listener); };
    const api = (${buildBridge.toString()})(${JSON.stringify(methodNames)}, (method, input) => invoke(method, input), listen);
    Object.defineProperty(window, 'keyward', { value: api, enumerable: true });
    // What Electron's webContents.send does in the app: the harness's way to push a notice.
    Object.defineProperty(window, ${JSON.stringify(noticeHook)}, {
      value: (notice) => { for (const listener of listeners) listener(notice); },
    });
  })();`;
}
