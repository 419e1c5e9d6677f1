import { createContext } from 'svelte';
import type { Result } from '../../../../electron/common/result';
import { Task } from './task.svelte';

/**
 * A screen's name. The names come from the screen registry (screens/registry.ts), which declares
 * `RegisteredScreen`; a global type, because every screen imports this module, so importing the
 * registry here would close an import cycle.
 */
export type ScreenName = RegisteredScreen;

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
  /** Leaving although something is lost (the person chose to). */
  abandon(): Promise<Result<null>>;
}

/** What Keyward found at start, which decides the screen it opens on. */
export interface StartFindings {
  /** A new key's secret was held when the window was last closed: back to keeping it safe. */
  resumesCreate: boolean;
  /** Keyward was opened with a key file (double-clicked): straight to unlocking it. */
  opensKeyFile: boolean;
  /** How many keys this computer keeps. */
  keptKeys: number;
}

/**
 * The screen Keyward opens on: unfinished work first, then My keys for whoever keeps a key, and
 * the welcome (one question: what would you like to do?) for someone who keeps none yet.
 */
export function openingScreen(found: StartFindings): ScreenName {
  if (found.resumesCreate) return 'create';
  if (found.opensKeyFile) return 'receive';
  return found.keptKeys > 0 ? 'my-keys' : 'start';
}

/** The part of a registry entry the sidebar sorts by. */
interface Listed {
  name: ScreenName;
  section: 'staff' | 'admin' | null;
}

/** Who is at the window, as far as the sidebar's Admin section cares. */
export interface AdminWhen {
  /** They said "I manage keys for other people" (remembered in settings). */
  managesOthers: boolean;
  /** Signed in to AWS: the sign-in's status and its Sign out live in the Admin section. */
  signedIn: boolean;
  /** The screen showing now. */
  current: ScreenName;
}

/**
 * The sidebar's two lists. Staff see their five places; the Admin section (people's keys, audit,
 * AWS sign-in) is there for whoever manages keys for others or is signed in, and stays while one
 * of its screens is showing, so a sign-out never pulls the place from under the person.
 */
export function sidebarSections<S extends Listed>(
  screens: readonly S[],
  when: AdminWhen,
): { staff: S[]; admin: S[] | null } {
  const admin = screens.filter((screen) => screen.section === 'admin');
  const shown =
    when.managesOthers || when.signedIn || admin.some((screen) => screen.name === when.current);
  return {
    staff: screens.filter((screen) => screen.section === 'staff'),
    admin: shown ? admin : null,
  };
}

/** Which screen is showing, and the one question asked before leaving an unsaved secret. */
export class Navigation {
  screen = $state<ScreenName>('start');
  /** What to do once the person agrees to leave; set while the "leave?" dialog is open. */
  pendingLeave = $state.raw<(() => void) | null>(null);
  /** Losing what the guard protects, as the person chose ("Delete the key and leave"). */
  readonly abandoning = new Task<null>();
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
    if (this.abandoning.busy) return; // already leaving, to where the person first asked
    const guard = this.guard;
    if (guard?.settling) {
      this.abandoning.error = null;
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
      this.abandoning.error = null;
      this.pendingLeave = action;
      return;
    }
    void (guard ? guard.release() : Promise.resolve()).then(action);
  };

  /** "Go back and keep it safe": back to where it can be kept, from wherever the person is. */
  stay = (): void => {
    // Deleting the key has begun and cannot be called back: the person leaves once it ends.
    if (this.abandoning.busy) return;
    this.pendingLeave = null;
    this.abandoning.error = null;
    const guard = this.guard;
    if (guard?.blocked && this.screen !== guard.home) {
      this.moveFocus = true;
      this.screen = guard.home;
    }
  };

  leaveAnyway = async (): Promise<void> => {
    const action = this.pendingLeave;
    const guard = this.guard;
    if (!action || !guard || this.abandoning.busy) return;
    const answer = await this.abandoning.run(() => guard.abandon());
    if (!answer.ok) return;
    this.pendingLeave = null;
    action();
  };
}

export const [getNavigation, setNavigation] = createContext<Navigation>();
