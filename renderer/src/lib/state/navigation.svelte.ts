import { createContext } from 'svelte';
import type { BridgeError } from '../../../../electron/common/errors';

export type ScreenName =
  'start' | 'my-keys' | 'receive' | 'create' | 'people' | 'audit' | 'account' | 'settings';

/**
 * Something that may not be left silently: the create flow while a new key's secret is not kept
 * anywhere. Leaving then asks first, because AWS never shows a secret twice.
 */
export interface LeaveGuard {
  /** Leaving now would lose something: ask the person first. */
  readonly blocked: boolean;
  /** Leaving with nothing to lose: tidy up. */
  release(): Promise<void>;
  /** Leaving although something is lost (the person chose to). Null when done, else why not. */
  abandon(): Promise<BridgeError | null>;
}

/** Which screen is showing, and the one question asked before leaving an unsaved secret. */
export class Navigation {
  screen = $state<ScreenName>('start');
  /** What to do once the person agrees to leave; set while the "leave?" dialog is open. */
  pendingLeave = $state.raw<(() => void) | null>(null);
  abandoning = $state(false);
  abandonError = $state.raw<BridgeError | null>(null);
  guard: LeaveGuard | null = null;
  /** False for the very first screen: focus moves to a heading only after the person acts. */
  moveFocus = false;

  go = (target: ScreenName): void => {
    if (target === this.screen) return;
    this.whenFree(() => {
      this.moveFocus = true;
      this.screen = target;
    });
  };

  /** Runs `action` now, or after the person agreed to lose what the guard protects. */
  whenFree = (action: () => void): void => {
    const guard = this.guard;
    if (guard?.blocked) {
      this.abandonError = null;
      this.pendingLeave = action;
      return;
    }
    void (guard ? guard.release() : Promise.resolve()).then(action);
  };

  stay = (): void => {
    this.pendingLeave = null;
    this.abandonError = null;
  };

  leaveAnyway = async (): Promise<void> => {
    const action = this.pendingLeave;
    if (!action) return;
    this.abandoning = true;
    this.abandonError = (await this.guard?.abandon()) ?? null;
    this.abandoning = false;
    if (this.abandonError) return;
    this.pendingLeave = null;
    action();
  };
}

export const [getNavigation, setNavigation] = createContext<Navigation>();
