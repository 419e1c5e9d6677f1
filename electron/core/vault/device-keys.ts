import type {
  CliRemoveResult,
  MfaDeviceLookup,
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
import type { Platform } from '../platform';
import { UnfinishedRotationError } from '../rotation/rotation-error';
import type { RotationStates } from '../rotation/rotation-state';
import type { Settings } from '../../common/domain';
import type { ProfileStore, StoredKey } from './profile-store';
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

  /** The kept key, if it may be removed now (asked first, so a door does not confirm in vain). */
  async removable(name: string): Promise<StoredKey> {
    return (await this.#removable(name)).key;
  }

  /** The kept key and its rotation record (a retired key's, at most), read once. */
  async #removable(name: string) {
    const key = await this.#deps.profiles.require(name);
    const rotation = await this.#deps.rotations.read(name);
    if (rotation?.phase === 'in-progress') throw new UnfinishedRotationError(rotation, 'remove');
    return { key, rotation };
  }

  /** Removes a kept key from this computer, for the window and the command line alike. */
  async remove(
    name: string,
    options: { files?: AwsFiles } = {},
  ): Promise<{ awsCli: CliRemoveResult | null }> {
    const { profiles, rotations, activity } = this.#deps;
    const { key, rotation } = await this.#removable(name);
    // FIXME: a key kept before the no-leading-dash rule may have one in its name, which the
    // config file code refuses to touch: the key goes, a set-up it may have stays.
    const awsCli = newProfileNamePattern.test(name)
      ? await (await loadAwsConfig()).removeCliProfile(name, options)
      : null;
    await profiles.remove(name);
    if (rotation) await rotations.remove(name);
    await activity.record({
      actor: 'this device',
      action: 'key.removed-from-device',
      userName: key.userName,
      accessKeyId: key.accessKeyId,
    });
    return { awsCli };
  }
}
