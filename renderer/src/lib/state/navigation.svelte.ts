import { createContext } from 'svelte';
import type { BridgeError } from '../../../../electron/common/errors';

export type ScreenName =
  'start' | 'my-keys' | 'receive' | 'create' | 'people' | 'audit' | 'account' | 'settings';

/**
 * Something that may not be left silently: the create flow while a new key's secret is not kept
 * anywhere. Leaving then asks first, because AWS never shows a secret twice.
 */
export interface LeaveGuard {
  /** The screen where what the guard protects can be dealt with ("keep it safe"). */
  readonly home: ScreenName;
  /** Work under way that may leave something to protect (a key being created): leaving waits. */
  readonly settling: boolean;
  /** Resolves once that work has ended (at once when there is none). */
  settled(): Promise<void>;
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

  /** The leave question is waiting for the guard's work to end (shown as such). */
  get waiting(): boolean {
    return this.pendingLeave !== null && (this.guard?.settling ?? false);
  }

  /**
   * Runs `action` now, or after the person agreed to lose what the guard protects. While the
   * guard's work is under way (a key being created) leaving waits for it, in the open question:
   * what it leaves behind is then protected like anything else, never stranded on another screen.
   */
  whenFree = (action: () => void): void => {
    if (this.abandoning) return; // already leaving, to where the person first asked
    const guard = this.guard;
    if (guard?.settling) {
      this.abandonError = null;
      this.pendingLeave = action;
      void guard.settled().then(() => {
        if (this.pendingLeave !== action) return; // the person chose to stay meanwhile
        if (guard.blocked) return; // the question is now the usual one
        this.pendingLeave = null;
        void guard.release().then(action);
      });
      return;
    }
    if (guard?.blocked) {
      this.abandonError = null;
      this.pendingLeave = action;
      return;
    }
    void (guard ? guard.release() : Promise.resolve()).then(action);
  };

  /** "Go back and keep it safe": back to where it can be kept, from wherever the person is. */
  stay = (): void => {
    // Deleting the key has begun and cannot be called back: the person leaves once it ends.
    if (this.abandoning) return;
    this.pendingLeave = null;
    this.abandonError = null;
    const guard = this.guard;
    if (guard?.blocked && this.screen !== guard.home) {
      this.moveFocus = true;
      this.screen = guard.home;
    }
  };

  leaveAnyway = async (): Promise<void> => {
    const action = this.pendingLeave;
    if (!action || this.abandoning) return;
    this.abandoning = true;
    this.abandonError = (await this.guard?.abandon()) ?? null;
    this.abandoning = false;
    if (this.abandonError) return;
    this.pendingLeave = null;
    action();
  };
}

export const [getNavigation, setNavigation] = createContext<Navigation>();
