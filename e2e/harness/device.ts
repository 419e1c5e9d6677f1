import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Services } from '../../electron/core/handlers';
import { createCore } from '../../electron/core/compose';
import type { Core } from '../../electron/core/compose';
import { ProfileStore } from '../../electron/core/vault/profile-store';
import { KeytarStore } from '../../electron/core/vault/keytar-store';
import type { Sandbox, SandboxAccount } from '../sandbox';
import { openHarnessedApp } from './bridge-harness';
import type { HarnessedApp } from './bridge-harness';
import { SwitchableStore } from './switchable-store';
import { TestPlatform } from '../../testing/test-platform';

/** The version as the packaged app reports it, so no screenshot shows a test marker. */
const appVersion = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * One computer running Keyward: its own data folder, its own keychain entries (a service name of
 * its own in the real keychain), the real handlers, and a page showing the built renderer.
 * A hand-off test runs two of these side by side.
 */
export class Device {
  readonly page: Page;
  readonly platform = new TestPlatform();
  readonly keytar: KeytarStore;
  readonly keychain: SwitchableStore;
  readonly core: Core;
  /** The keychain entries this device's Keyward keeps keys in, for seeding and checking. */
  readonly profiles: ProfileStore;
  readonly services: Services;
  readonly sandbox: Sandbox;
  /** Console errors and uncaught exceptions in the page, CSP refusals included. */
  readonly pageErrors: string[] = [];
  #app: HarnessedApp | null = null;

  constructor(page: Page, sandbox: Sandbox, name: string) {
    this.page = page;
    this.sandbox = sandbox;
    this.keytar = new KeytarStore({
      os: this.platform.os,
      service: `Keyward-e2e-${name}-${randomBytes(4).toString('hex')}`,
    });
    this.keychain = new SwitchableStore(this.keytar, this.platform.os);
    // A new key works at once in the sandbox; AWS can take seconds, the sandbox need not.
    this.core = createCore(this.platform, this.keychain, { newKeyPatienceMs: 1500 });
    this.profiles = new ProfileStore(this.keychain);
    this.services = {
      core: this.core,
      platform: this.platform,
      secretStore: this.keychain,
      appVersion,
      // How the AWS CLI would start Keyward for credential_process; no spec runs it from here.
      keywardCommand: () =>
        Promise.resolve([path.resolve(import.meta.dirname, '../../bin/keyward')]),
    };
    page.on('console', (message) => {
      if (message.type() === 'error') this.pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => {
      this.pageErrors.push(error.message);
    });
  }

  get app(): HarnessedApp | null {
    return this.#app;
  }

  /** Points Keyward at the sandbox; call before opening the page. */
  async prepare(): Promise<void> {
    await this.core.settings.update({ endpoint: this.sandbox.endpoint });
  }

  /** Loads the renderer; everything set up before this is what the app finds at start. */
  async open(): Promise<HarnessedApp> {
    this.#app ??= await openHarnessedApp(this.page, this.services);
    return this.#app;
  }

  /** Keeps a sandbox user's key in this device's keychain, as if received earlier. */
  /**
   * The admin's key of the sandbox's second account (`otherAccountSeed`) kept here as
   * "labs-admin"; returns that account.
   */
  async keepOtherAccountAdminKey(): Promise<SandboxAccount> {
    const labs = this.sandbox.otherAccounts[0];
    if (!labs) throw new Error('Start the sandbox with otherAccounts: [otherAccountSeed()]');
    await this.keepKeyOf('admin', 'labs-admin', 3, labs);
    return labs;
  }

  /** `inAccount`: one of the sandbox's other accounts (an admin looking after several). */
  async keepKeyOf(
    userName: string,
    profileName = `${userName}-key`,
    createdDaysAgo = 3,
    inAccount: Pick<Sandbox, 'accountId' | 'credentialsFor'> = this.sandbox,
  ) {
    const credentials = inAccount.credentialsFor(userName);
    await this.profiles.put(profileName, {
      ...credentials,
      userName,
      accountId: inAccount.accountId,
      created: new Date(Date.now() - createdDaysAgo * 86_400_000).toISOString(),
      description: null,
    });
    return profileName;
  }

  async close(): Promise<void> {
    if (this.#app) {
      // Stop the page first and let its last calls finish: keytar crashes the process when an
      // entry is deleted while another call is still reading the keychain.
      await this.page.goto('about:blank').catch(() => undefined);
      await this.#app.settled();
      await this.#app.close();
    }
    await this.core.shutdown();
    this.keychain.repair();
    await removeAllEntries(this.keytar);
  }
}

/**
 * Deletes every entry a test left under its own service name. GNOME Keyring can still list an
 * item it has just deleted for a moment ("No such secret item"), so listing is retried.
 */
export async function removeAllEntries(store: KeytarStore): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      for (const account of await store.list()) await store.delete(account);
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}
