import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../electron/common/result';
import { later, ok, refused, settle } from '../../../../testing/renderer/fake-api';
import { screens } from '../screens/registry';
import type { LeaveGuard } from './navigation.svelte';
import { Navigation, openingScreen, sidebarSections } from './navigation.svelte';

/** A guard whose state the test sets: what the create flow looks like from navigation. */
class Guard implements LeaveGuard {
  readonly home = 'create' as const;
  settling = false;
  blocked = false;
  released = 0;
  #settled = later<null>();
  abandonAnswer: Promise<Result<null>> = Promise.resolve(ok(null));

  settled = async (): Promise<void> => {
    await this.#settled.promise;
  };
  finishSettling = (blocked: boolean): void => {
    this.settling = false;
    this.blocked = blocked;
    this.#settled.answer(null);
  };
  release = (): Promise<void> => {
    this.released++;
    return Promise.resolve();
  };
  abandon = (): Promise<Result<null>> => this.abandonAnswer;
}

/** On the create screen, with a guard whose work and key the test controls. */
function onCreate(guardState: { blocked?: boolean; settling?: boolean }) {
  const nav = new Navigation();
  const guard = new Guard();
  nav.guard = guard;
  nav.screen = 'create';
  guard.blocked = guardState.blocked ?? false;
  guard.settling = guardState.settling ?? false;
  return { nav, guard };
}

describe('moving between screens', () => {
  it('goes where the person asks, and moves focus to the new heading', async () => {
    const nav = new Navigation();
    nav.go('audit');
    await settle();
    expect(nav.screen).toBe('audit');
    expect(nav.moveFocus).toBe(true);
  });

  it('asks first when leaving would lose a new key’s secret', async () => {
    const { nav } = onCreate({ blocked: true });
    nav.go('my-keys');
    await settle();
    expect(nav.screen).toBe('create');
    expect(nav.pendingLeave).not.toBeNull();
    nav.stay();
    expect(nav.pendingLeave).toBeNull();
    expect(nav.screen).toBe('create');
  });

  it('leaves once the key is deleted, as the person chose', async () => {
    const { nav, guard } = onCreate({ blocked: true });
    nav.go('people');
    await settle();
    const deleting = later<null>();
    guard.abandonAnswer = deleting.promise;
    const leaving = nav.leaveAnyway();
    expect(nav.abandoning.busy).toBe(true);
    nav.stay(); // too late to go back: the key is being deleted
    expect(nav.pendingLeave).not.toBeNull();
    deleting.answer(null);
    await leaving;
    expect(nav.screen).toBe('people');
    expect(nav.pendingLeave).toBeNull();
  });

  it('stays, and says why, when the key could not be deleted', async () => {
    const { nav, guard } = onCreate({ blocked: true });
    nav.go('people');
    await settle();
    guard.abandonAnswer = refused('network', 'No network.');
    await nav.leaveAnyway();
    expect(nav.screen).toBe('create');
    expect(nav.abandoning.error?.message).toBe('No network.');
    expect(nav.pendingLeave).not.toBeNull();
  });

  it('waits while a key is being created, then leaves if it was kept safe', async () => {
    const { nav, guard } = onCreate({ settling: true });
    nav.go('settings');
    await settle();
    expect(nav.waiting).toBe(true);
    guard.finishSettling(false);
    await settle();
    expect(nav.screen).toBe('settings');
    expect(guard.released).toBe(1);
  });

  it('waits while a key is being created, then asks if its secret is kept nowhere', async () => {
    const { nav, guard } = onCreate({ settling: true });
    nav.go('settings');
    await settle();
    guard.finishSettling(true);
    await settle();
    expect(nav.screen).toBe('create');
    expect(nav.waiting).toBe(false);
    expect(nav.pendingLeave).not.toBeNull();
  });
});

describe('where Keyward opens', () => {
  const nothing = { resumesCreate: false, opensKeyFile: false, keptKeys: 0 };

  it('on My keys when a key is kept, and on the welcome when none is', () => {
    expect(openingScreen({ ...nothing, keptKeys: 2 })).toBe('my-keys');
    expect(openingScreen(nothing)).toBe('start');
  });

  it('on unfinished work first: a new key to keep safe, then a key file to open', () => {
    expect(openingScreen({ resumesCreate: true, opensKeyFile: true, keptKeys: 1 })).toBe('create');
    expect(openingScreen({ ...nothing, opensKeyFile: true, keptKeys: 1 })).toBe('receive');
  });
});

describe('what the sidebar lists', () => {
  const names = (listed: readonly { name: string }[] | null) =>
    listed?.map((screen) => screen.name) ?? null;
  const staff = { managesOthers: false, signedIn: false, current: 'my-keys' } as const;

  it('staff see their five places and no Admin section; the welcome is not a place', () => {
    const sections = sidebarSections(screens, staff);
    expect(names(sections.staff)).toEqual(['my-keys', 'receive', 'create', 'history', 'settings']);
    expect(sections.staff.map((screen) => screen.label)).toEqual([
      'My keys',
      'Receive a key',
      'Create a key',
      'History',
      'Settings',
    ]);
    expect(sections.admin).toBeNull();
  });

  it('the Admin section appears for whoever manages keys for others, or is signed in', () => {
    const admin = ['people', 'batch', 'audit', 'account'];
    expect(names(sidebarSections(screens, { ...staff, managesOthers: true }).admin)).toEqual(admin);
    expect(names(sidebarSections(screens, { ...staff, signedIn: true }).admin)).toEqual(admin);
  });

  it('stays while one of its screens shows, so signing out there leaves the person where they are', () => {
    expect(names(sidebarSections(screens, { ...staff, current: 'account' }).admin)).toEqual([
      'people',
      'batch',
      'audit',
      'account',
    ]);
  });
});
