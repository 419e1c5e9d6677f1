import type { Component } from 'svelte';
import AccountScreen from './account/account-screen.svelte';
import ActivityScreen from './activity/activity-screen.svelte';
import AuditScreen from './audit/audit-screen.svelte';
import CreateScreen from './create/create-screen.svelte';
import MyKeysScreen from './my-keys/my-keys-screen.svelte';
import PeopleScreen from './people/people-screen.svelte';
import ReceiveScreen from './receive/receive-screen.svelte';
import SettingsScreen from './settings/settings-screen.svelte';
import StartScreen from './start/start-screen.svelte';

export interface Screen {
  /** Used by `Navigation.go` (and so in code only). */
  name: string;
  /** What the sidebar calls it. */
  label: string;
  component: Component;
  /** Listed in the sidebar's main navigation. */
  sidebar: boolean;
}

/** One entry; its name keeps its literal type, so `Navigation` knows every screen's name. */
function screen<Name extends string>(entry: Screen & { name: Name }): Screen & { name: Name } {
  return entry;
}

/**
 * Every screen of the window, in the sidebar's order. A new screen is one entry here (its
 * component in `screens/<name>/`): app.svelte shows the current one, the sidebar lists it, and
 * `Navigation` accepts its name.
 */
export const screens = [
  screen({ name: 'start', label: 'Start', component: StartScreen, sidebar: true }),
  screen({ name: 'my-keys', label: 'My keys', component: MyKeysScreen, sidebar: true }),
  screen({ name: 'receive', label: 'Receive a key', component: ReceiveScreen, sidebar: true }),
  screen({ name: 'create', label: 'Create a key', component: CreateScreen, sidebar: true }),
  screen({ name: 'people', label: 'People’s keys', component: PeopleScreen, sidebar: true }),
  screen({ name: 'audit', label: 'Audit', component: AuditScreen, sidebar: true }),
  screen({ name: 'activity', label: 'Activity', component: ActivityScreen, sidebar: true }),
  screen({ name: 'account', label: 'AWS sign-in', component: AccountScreen, sidebar: true }),
  screen({ name: 'settings', label: 'Settings', component: SettingsScreen, sidebar: true }),
];

declare global {
  /**
   * A screen's name, as listed above. Global rather than exported: navigation needs the names,
   * and every screen imports navigation, so importing this module there would close a cycle.
   */
  type RegisteredScreen = (typeof screens)[number]['name'];
}
