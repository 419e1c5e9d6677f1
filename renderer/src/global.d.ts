import type { KeywardApi } from '../../electron/common/bridge';

declare global {
  interface Window {
    /** Provided by the preload (or the e2e harness); read only through lib/api.ts. */
    readonly keyward: KeywardApi;
  }
}

export {};
