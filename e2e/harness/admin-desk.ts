import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { HandoffLockRequest } from '../../electron/common/domain';
import { HandoffDesk } from '../../electron/core/handoff/handoff-desk';
import { Keyward } from '../../electron/core/keyward';
import { KeytarStore } from '../../electron/core/vault/keytar-store';
import type { Sandbox } from '../sandbox';
import { removeAllEntries } from './device';
import { TestPlatform } from '../../testing/test-platform';

/**
 * An admin's Keyward without a window, for specs that need a key file made elsewhere (the staff
 * side of a hand-off). It signs in as the sandbox's admin with a key kept in its own keychain.
 */
export class AdminDesk {
  readonly platform = new TestPlatform();
  readonly keyward: Keyward;
  readonly desk: HandoffDesk;
  readonly #store: KeytarStore;
  readonly #sandbox: Sandbox;

  private constructor(sandbox: Sandbox) {
    this.#sandbox = sandbox;
    this.#store = new KeytarStore({
      os: this.platform.os,
      service: `Keyward-e2e-admin-${randomBytes(4).toString('hex')}`,
    });
    this.keyward = new Keyward(this.platform, this.#store);
    this.desk = new HandoffDesk(this.keyward);
  }

  static async start(sandbox: Sandbox): Promise<AdminDesk> {
    const admin = new AdminDesk(sandbox);
    await admin.keyward.settings.update({ endpoint: sandbox.endpoint });
    await admin.keyward.profiles.put('admin', {
      ...sandbox.admin,
      accountId: sandbox.accountId,
      created: new Date().toISOString(),
      description: null,
    });
    await admin.keyward.signIn({ kind: 'stored-key', profile: 'admin' });
    return admin;
  }

  /** Creates a key for `userName` and saves it as a hand-off file; returns the file and key. */
  async handOver(userName: string, lock: HandoffLockRequest, description: string | null = null) {
    const created = await this.keyward.createKey(userName, description);
    const file = path.join(this.platform.dataDir(), `${userName}_accessKeys.keyward`);
    this.platform.answerNextSave(file);
    const saved = await this.desk.save(created.handle, lock);
    await this.keyward.finish(created.handle, false);
    if (!saved) throw new Error('the save dialog was answered, so the file must be saved');
    return {
      file,
      passphrase: saved.passphrase,
      accessKeyId: created.accessKeyId,
      secret: this.#sandbox.state.accessKeys.get(created.accessKeyId)?.secretAccessKey ?? '',
    };
  }

  async close(): Promise<void> {
    await this.keyward.shutdown();
    await removeAllEntries(this.#store);
  }
}
