import type { KeywardMfaApi } from '../../../electron/common/mfa-window';

declare global {
  interface Window {
    /** The MFA window's preload (electron/preload/mfa.ts) or the e2e harness provides it. */
    readonly keywardMfa: KeywardMfaApi;
  }
}

export {};
