import type { Page } from '@playwright/test';
import { methodNames } from '../../electron/common/contract';

/** What the page can reach beyond the DOM: Node's and Electron's globals, and the bridge's methods. */
export function pageSurface(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return {
      require: typeof w['require'],
      process: typeof w['process'],
      ipcRenderer: typeof w['ipcRenderer'],
      methods: Object.entries(window.keyward)
        .flatMap(([domain, verbs]) =>
          Object.keys(verbs as object).map((verb) => `${domain}.${verb}`),
        )
        .sort(),
    };
  });
}

/** The surface of a page that reaches main only through window.keyward, with the contract's methods. */
export const onlyTheBridge = {
  require: 'undefined',
  process: 'undefined',
  ipcRenderer: 'undefined',
  methods: [...methodNames].sort(),
};
