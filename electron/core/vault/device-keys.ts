import type {
  CliRemoveResult,
  DamagedEntry,
  HandoffLockRequest,
  MfaDeviceLookup,
  SavedHandoff,
  StoredKeyCheck,
  StoredProfile,
} from '../../common/domain';
import { newProfileNamePattern } from '../../common/profile-names';
import type { ActivityLog } from '../activity/activity-log';
import type { AwsPlace } from '../aws/aws-clients';
import { loadAws } from '../aws/aws-session';
import type { AwsFiles } from '../aws-config/aws-files';
import type { CliSetupOptions } from '../aws-config/cli-profile';
import type { ImportResult } from '../aws-config/import-profile';
import type { SecretClipboard } from '../clipboard/secret-clipboard';
import { AppError } from '../errors';
import { log, maskKeyId } from '../log';
import type { Platform } from '../platform';
import { UnfinishedRotationError } from '../rotation/rotation-error';
import type { RotationStates } from '../rotation/rotation-state';
import type { Settings } from '../../common/domain';
import { nothingKeptAs } from './profile-store';
import type { KeptEntry, ProfileStore, StoredKey } from './profile-store';
import { confirmPresence } from './user-presence';

export interface DeviceKeysDeps {
  profiles: ProfileStore;
  rotations: RotationStates;
  activity: Pick<ActivityLog, 'record'>;
  clipboard: Pick<SecretClipboard, 'copySensitive'>;
  settings: { read(): Promise<Settings> };
  place: () => Promise<AwsPlace>;
  /** Touch ID, asked before a secret is copied (where there is one and the setting is on). */
  presence: Pick<Platform, 'confirmPresence'>;
  /** Where a key file sent to another computer goes: the person chooses. */
  dialogs: Pick<Platform, 'showSaveDialog'>;
}

const loadAwsConfig = () => import('../aws-config');

/**
 * The keys kept in this computer's keychain: list, copy, check with AWS, import from the AWS
 * files, and remove. Removing follows three rules for every door: refused during an unfinished
 * rotation (the rotation needs the key), the AWS command line set-up goes too, and so does the
 * record of a retired old key.
 */
export class DeviceKeys {
  readonly #deps: DeviceKeysDeps;

  constructor(deps: DeviceKeysDeps) {
    this.#deps = deps;
  }

  list(): Promise<StoredProfile[]> {
    return this.#deps.profiles.list();
  }

  /** The keys kept and the damaged entries beside them, from one reading of the keychain. */
  inventory(): Promise<{ kept: StoredProfile[]; damaged: DamagedEntry[] }> {
    return this.#deps.profiles.inventory();
  }

  /** The entries Keyward cannot read, by name and what is wrong, so a person can remove them. */
  async damaged(): Promise<DamagedEntry[]> {
    return (await this.#deps.profiles.inventory()).damaged;
  }

  /** A kept key, or null when nothing is kept under that name. */
  get(name: string): Promise<StoredKey | null> {
    return this.#deps.profiles.get(name);
  }

  /** A kept key; says plainly when nothing is kept under that name. */
  require(name: string): Promise<StoredKey> {
    return this.#deps.profiles.require(name);
  }

  async copySecret(name: string): Promise<{ clearsInSeconds: number }> {
    const key = await this.#deps.profiles.require(name);
    await confirmPresence(this.#deps, {
      reason: `copy the secret of your key “${name}”`,
      refused: () =>
        new AppError(
          'cancelled',
          `The secret of “${name}” was not copied: Touch ID was not confirmed.`,
          'Copy it again and confirm with Touch ID, or turn off “Ask for Touch ID” in Settings.',
        ),
    });
    const copied = await this.#deps.clipboard.copySensitive(key.secretAccessKey);
    await this.#deps.activity.record({
      actor: 'this device',
      action: 'key.secret-copied',
      userName: key.userName,
      accessKeyId: key.accessKeyId,
    });
    return copied;
  }

  /**
   * Seals a kept key in a key file for another computer of its owner: to that computer's
   * receiving code, or with a passphrase (generated and returned once when none is given). The
   * same sealing as a new key's key file; the key stays kept here. Like copying the secret, the
   * long-term key leaves the keychain, so Touch ID is asked first where there is one.
   */
  async sendToOtherComputer(name: string, lock: HandoffLockRequest): Promise<SavedHandoff | null> {
    const key = await this.#deps.profiles.require(name);
    const { sealToChosenFile } = await import('../handoff/seal-to-file');
    const saved = await sealToChosenFile(this.#deps.dialogs, {
      key: {
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
        userName: key.userName,
        accountId: key.accountId,
        created: key.created,
        description: key.description ?? '',
      },
      lock,
      defaultName: `${name}.keyward`,
      stillHere: 'Your key is still kept on this computer.',
      beforeChoosing: () =>
        confirmPresence(this.#deps, {
          reason: `send your key “${name}” to another computer`,
          refused: () =>
            new AppError(
              'cancelled',
              `“${name}” was not sent: Touch ID was not confirmed.`,
              'Try again and confirm with Touch ID, or turn off “Ask for Touch ID” in Settings.',
            ),
        }),
    });
    if (saved === null) return null;
    await this.#deps.activity.record({
      actor: 'this device',
      action: 'key.sent-to-other-computer',
      userName: key.userName,
      accessKeyId: key.accessKeyId,
      detail: `${name}, ${lock.kind === 'recipients' ? 'sealed to a receiving code' : 'locked with a passphrase'}`,
    });
    log('vault', `sent ${maskKeyId(key.accessKeyId)} to another computer (${lock.kind})`);
    return saved;
  }

  async check(name: string): Promise<StoredKeyCheck> {
    const key = await this.#deps.profiles.require(name);
    return (await loadAws()).checkStoredKey(name, key, await this.#deps.place());
  }

  /**
   * The MFA device of the key's own user, looked up with the key itself, so the window's set-up
   * dialog can offer it before sessions are set up.
   */
  async findMfaDevice(name: string): Promise<MfaDeviceLookup> {
    const key = await this.#deps.profiles.require(name);
    // Loaded only here: the IAM client is not needed to list or copy keys.
    const { findMfaDevice } = await import('../sessions/find-mfa-device');
    return findMfaDevice(key, await this.#deps.place());
  }

  /** Moves a plaintext key from the AWS files into the keychain (see importPlaintextProfile). */
  async importPlaintext(profile: string, options: CliSetupOptions): Promise<ImportResult> {
    const { profiles, activity, settings } = this.#deps;
    return (await loadAwsConfig()).importPlaintextProfile(
      { profiles, activity, settings },
      profile,
      options,
    );
  }

  /**
   * The kept key (or damaged entry), if it may be removed now: asked first, so a door does not
   * confirm in vain.
   */
  async removable(name: string): Promise<KeptEntry> {
    return (await this.#removable(name)).entry;
  }

  /** The entry and its rotation record (a retired key's, at most), read once. */
  async #removable(name: string) {
    const entry = await this.#deps.profiles.entry(name);
    if (!entry) throw nothingKeptAs(name);
    const rotation = await this.#deps.rotations.read(name);
    if (rotation?.phase === 'in-progress') throw new UnfinishedRotationError(rotation, 'remove');
    return { entry, rotation };
  }

  /** Removes a kept key from this computer, for the window and the command line alike. */
  async remove(
    name: string,
    options: { files?: AwsFiles } = {},
  ): Promise<{ awsCli: CliRemoveResult | null }> {
    const { profiles, rotations, activity } = this.#deps;
    const { entry, rotation } = await this.#removable(name);
    // FIXME: a key kept before the no-leading-dash rule may have one in its name, which the
    // config file code refuses to touch: the key goes, a set-up it may have stays.
    const awsCli = newProfileNamePattern.test(name)
      ? await (await loadAwsConfig()).removeCliProfile(name, options)
      : null;
    await profiles.remove(name);
    if (rotation) await rotations.remove(name);
    // A damaged entry's details cannot be trusted: only a key ID shaped like one is recorded.
    await activity.record(
      entry.kind === 'kept'
        ? {
            actor: 'this device',
            action: 'key.removed-from-device',
            userName: entry.key.userName,
            accessKeyId: entry.key.accessKeyId,
          }
        : {
            actor: 'this device',
            action: 'key.removed-from-device',
            userName: '',
            accessKeyId: entry.accessKeyId ?? '',
            detail: `damaged keychain entry “${name}”`,
          },
    );
    return { awsCli };
  }
}
