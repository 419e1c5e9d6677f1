import type { SystemPreferences } from 'electron';
import type { PresenceAnswer } from '../core/platform';

/** Electron's Touch ID calls (`systemPreferences`), which exist on macOS only. */
export type TouchIdPreferences = Pick<SystemPreferences, 'canPromptTouchID' | 'promptTouchID'>;

export interface TouchId {
  available(): boolean;
  confirm(reason: string): Promise<PresenceAnswer>;
}

/**
 * Touch ID for the Platform seam: available on a Mac whose sensor is set up; elsewhere, and on a
 * Mac without it, nothing is asked. A failed or cancelled prompt counts as refused: the secret
 * stays in the keychain.
 */
export function touchIdOn(os: NodeJS.Platform, preferences: TouchIdPreferences): TouchId {
  const available = () => os === 'darwin' && preferences.canPromptTouchID();
  return {
    available,
    confirm: async (reason) => {
      if (!available()) return 'unavailable';
      try {
        await preferences.promptTouchID(reason);
        return 'confirmed';
      } catch {
        return 'refused';
      }
    },
  };
}
