import type { Component } from 'svelte';
import { term } from '../glossary';
import AccountScreen from './account/account-screen.svelte';
import AuditScreen from './audit/audit-screen.svelte';
import BatchScreen from './batch/batch-screen.svelte';
import CreateScreen from './create/create-screen.svelte';
import HistoryScreen from './history/history-screen.svelte';
import MyKeysScreen from './my-keys/my-keys-screen.svelte';
import PeopleScreen from './people/people-screen.svelte';
import ReceiveScreen from './receive/receive-screen.svelte';
import SettingsScreen from './settings/settings-screen.svelte';
import StartScreen from './start/start-screen.svelte';

/**
 * Where the sidebar lists a screen: with everyone's (`staff`), in the Admin section (`admin`),
 * which only those who manage keys for other people see, or nowhere (`null`: the welcome).
 */
export type SidebarSection = 'staff' | 'admin';

export interface Screen {
  /** Used by `Navigation.go` (and so in code only). */
  name: string;
  /** What the sidebar calls it. */
  label: string;
  component: Component;
  section: SidebarSection | null;
}

/** One entry; its name keeps its literal type, so `Navigation` knows every screen's name. */
function screen<Name extends string>(entry: Screen & { name: Name }): Screen & { name: Name } {
  return entry;
}

/**
 * Every screen of the window, in the sidebar's order. A new screen is one entry here (its
 * component in `screens/<name>/`): app.svelte shows the current one, the sidebar lists it in its
 * section, and `Navigation` accepts its name.
 */
export const screens = [
  // The welcome: where Keyward opens while no key is kept, not a place to return to.
  screen({ name: 'start', label: 'Welcome', component: StartScreen, section: null }),
  screen({ name: 'my-keys', label: 'My keys', component: MyKeysScreen, section: 'staff' }),
  screen({ name: 'receive', label: 'Receive a key', component: ReceiveScreen, section: 'staff' }),
  screen({ name: 'create', label: 'Create a key', component: CreateScreen, section: 'staff' }),
  screen({ name: 'history', label: term.history, component: HistoryScreen, section: 'staff' }),
  screen({ name: 'settings', label: 'Settings', component: SettingsScreen, section: 'staff' }),
  screen({ name: 'people', label: 'People’s keys', component: PeopleScreen, section: 'admin' }),
  screen({
    name: 'batch',
    label: 'Keys for several people',
    component: BatchScreen,
    section: 'admin',
  }),
  screen({ name: 'audit', label: 'Audit', component: AuditScreen, section: 'admin' }),
  screen({ name: 'account', label: 'AWS sign-in', component: AccountScreen, section: 'admin' }),
];

declare global {
  /**
   * A screen's name, as listed above. Global rather than exported: navigation needs the names,
   * and every screen imports navigation, so importing this module there would close a cycle.
   */
  type RegisteredScreen = (typeof screens)[number]['name'];
}
