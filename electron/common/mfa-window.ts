/**
 * The small MFA window's page and its main process (electron/main/mfa-window/): what the page is
 * asked, and `window.keywardMfa`, the page's only way to answer. Shared by the preload, main, the
 * page and the e2e harness.
 */

/** Who wants a session and which device's code to type (core's MfaRequest, as shown). */
export interface MfaWindowRequest {
  /** The Keyward profile the AWS command line asked for. */
  profile: string;
  accountId: string;
  serialNumber: string;
  /** Why the page asks again (AWS did not take the last code); null the first time. */
  problem: string | null;
}

/** The next thing the page should do: ask for a code, or say it is done (the window closes). */
export type MfaWindowNext = { ask: MfaWindowRequest } | { done: true };

/** `window.keywardMfa`: nothing else of main is reachable from the MFA page. */
export interface KeywardMfaApi {
  /** Resolves with the next question (at once if one is waiting), or when the window is done. */
  next(): Promise<MfaWindowNext>;
  /** Hands a six-digit code on; false when it is not six digits or nothing is being asked. */
  submit(code: string): Promise<boolean>;
  /** The person does not want to give a code: the AWS command stops with a one-line error. */
  cancel(): Promise<void>;
}

export type MfaWindowMethod = keyof KeywardMfaApi;

export const mfaWindowChannels: Readonly<Record<MfaWindowMethod, string>> = {
  next: 'keyward-mfa:next',
  submit: 'keyward-mfa:submit',
  cancel: 'keyward-mfa:cancel',
};

/**
 * Builds `window.keywardMfa`. Self-contained (no imports, no closures over module state): the
 * e2e harness injects its source into the page, so the page under test gets the very object the
 * preload builds.
 */
export function buildMfaBridge(
  invoke: (method: MfaWindowMethod, input?: unknown) => Promise<unknown>,
): KeywardMfaApi {
  return Object.freeze({
    next: () => invoke('next') as Promise<MfaWindowNext>,
    submit: (code: string) => invoke('submit', code) as Promise<boolean>,
    cancel: async () => {
      await invoke('cancel');
    },
  });
}
