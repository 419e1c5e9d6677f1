import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { HandoffLockRequest } from '../../electron/common/domain';
import { createCore } from '../../electron/core/compose';
import type { Core } from '../../electron/core/compose';
import type { HandoffDesk } from '../../electron/core/handoff/handoff-desk';
import { ProfileStore } from '../../electron/core/vault/profile-store';
import { KeytarStore } from '../../electron/core/vault/keytar-store';
import type { Sandbox } from '../sandbox';
import { removeAllEntries } from './device';
import type { Device } from './device';
import { TestPlatform } from '../../testing/test-platform';

/**
 * An admin's Keyward without a window, for specs that need a key file made elsewhere (the staff
 * side of a hand-off). It signs in as the sandbox's admin with a key kept in its own keychain.
 */
export class AdminDesk {
  readonly platform = new TestPlatform();
  readonly core: Core;
  readonly desk: HandoffDesk;
  readonly #store: KeytarStore;
  readonly #sandbox: Sandbox;

  private constructor(sandbox: Sandbox) {
    this.#sandbox = sandbox;
    this.#store = new KeytarStore({
      os: this.platform.os,
      service: `Keyward-e2e-admin-${randomBytes(4).toString('hex')}`,
    });
    this.core = createCore(this.platform, this.#store);
    this.desk = this.core.handoff;
  }

  static async start(sandbox: Sandbox): Promise<AdminDesk> {
    const admin = new AdminDesk(sandbox);
    await admin.core.settings.update({ endpoint: sandbox.endpoint });
    await new ProfileStore(admin.#store).put('admin', {
      ...sandbox.admin,
      accountId: sandbox.accountId,
      created: new Date().toISOString(),
      description: null,
    });
    await admin.core.session.signIn({ kind: 'stored-key', profile: 'admin' });
    return admin;
  }

  /** Creates a key for `userName` and saves it as a hand-off file; returns the file and key. */
  async handOver(userName: string, lock: HandoffLockRequest, description: string | null = null) {
    const created = await this.core.newKeys.create(userName, description);
    const file = path.join(this.platform.dataDir(), `${userName}_accessKeys.keyward`);
    this.platform.answerNextSave(file);
    const saved = await this.desk.save(created.handle, lock);
    await this.core.newKeys.finish(created.handle, false);
    if (!saved) throw new Error('the save dialog was answered, so the file must be saved');
    return {
      file,
      passphrase: saved.passphrase,
      accessKeyId: created.accessKeyId,
      secret: this.#sandbox.state.accessKeys.get(created.accessKeyId)?.secretAccessKey ?? '',
    };
  }

  /** As `handOver`, then the key is deleted in AWS: the file still opens, the key no longer works. */
  async handOverDeletedKey(userName: string, lock: HandoffLockRequest) {
    const handed = await this.handOver(userName, lock);
    await this.core.keyAdmin.deleteKey(userName, handed.accessKeyId, true);
    return handed;
  }

  async close(): Promise<void> {
    await this.core.shutdown();
    await removeAllEntries(this.#store);
  }
}

/** The lock for a key file sealed to `device`'s receiving code: it opens there, no passphrase. */
export async function sealedTo(device: Device): Promise<HandoffLockRequest> {
  return { kind: 'recipients', codes: [await device.core.handoff.receivingCode()] };
}

/** The lock for a key file with a passphrase Keyward makes up; `handOver` returns it. */
export const withPassphrase: HandoffLockRequest = { kind: 'passphrase', passphrase: null };
