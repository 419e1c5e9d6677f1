import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type {
  ClaimedKey,
  HandoffLockRequest,
  OpenedHandoffFile,
  SavedHandoff,
  UnlockedHandoff,
} from '../../common/domain';
import { AppError } from '../errors';
import { writeFileAtomic } from '../files/atomic-write';
import type { Settings } from '../../common/domain';
import type { ActivityLog } from '../activity/activity-log';
import type { AwsSession } from '../aws/aws-session';
import type { Platform } from '../platform';
import type { NewKeys } from '../secrets/new-keys';
import type { ProfileStore } from '../vault/profile-store';
import type { SecretStore } from '../vault/secret-store';
import { log, maskKeyId } from '../log';
import { storedKeyOf } from '../secrets/pending-secrets';
import { summarize } from '../vault/profile-store';
import { getReceivingCode } from './device-identity';
import { summarizeHandoff } from './handoff-csv';
import type { HandoffContents } from './handoff-csv';
import { inspectHandoff, openHandoff, sealHandoff } from './handoff-file';
import { generatePassphrase, typedPassphrase } from './passphrase';
import { assertStrongPassphrase } from './passphrase-strength';
import { readKeyFile } from './read-key-file';
import { parseReceivingCodes } from './receiving-codes';

interface OpenFile {
  name: string;
  bytes: Uint8Array;
  contents: HandoffContents | null;
}

export interface HandoffDeskDeps {
  platform: Platform;
  /** This device's age identity lives in the keychain beside the kept keys. */
  secretStore: SecretStore;
  profiles: ProfileStore;
  newKeys: Pick<NewKeys, 'get' | 'markSecured'>;
  session: Pick<AwsSession, 'actor'>;
  activity: Pick<ActivityLog, 'record'>;
  settings: { read(): Promise<Settings> };
}

const fileFilters = [{ name: 'Keyward key files', extensions: ['keyward', 'age'] }];

/**
 * Hand-off files from the app's side: saving a new key encrypted, opening a received file in
 * steps (choose → unlock → claim), each step holding its data in main behind a token. Nothing
 * decrypted is shown or stored until the file has passed its integrity check.
 */
export class HandoffDesk {
  readonly #deps: HandoffDeskDeps;
  readonly #open = new Map<string, OpenFile>();
  #launchFile: string | null;
  readonly #verifyPatienceMs: number;

  constructor(
    deps: HandoffDeskDeps,
    options: { launchFile?: string | null; verifyPatienceMs?: number } = {},
  ) {
    this.#deps = deps;
    this.#launchFile = options.launchFile ?? null;
    // A brand-new key can take seconds to work everywhere; tests shorten the wait.
    this.#verifyPatienceMs = options.verifyPatienceMs ?? 8000;
  }

  /** A key file the OS opened while Keyward runs; the window takes it with open({ kind: 'launch' }). */
  offerFile(file: string): void {
    this.#launchFile = file;
  }

  receivingCode(): Promise<string> {
    return getReceivingCode(this.#deps.secretStore);
  }

  /** Saves a new key's secret encrypted; counts as securing it. */
  async save(handle: string, lock: HandoffLockRequest): Promise<SavedHandoff | null> {
    const pending = this.#deps.newKeys.get(handle);
    const generated =
      lock.kind === 'passphrase' && lock.passphrase === null ? generatePassphrase() : null;
    // Refuse a weak passphrase or a malformed code before asking where to save; seal (about a
    // second of scrypt for a passphrase) only once the person has chosen a place.
    if (lock.kind === 'recipients') parseReceivingCodes(lock.codes);
    else if (lock.passphrase !== null) assertStrongPassphrase(typedPassphrase(lock.passphrase));
    const file = await this.#deps.platform.showSaveDialog({
      title: 'Save the encrypted key file',
      defaultName: `${pending.userName}_accessKeys.keyward`,
      filters: fileFilters,
    });
    if (file === null) return null;
    const armored = await sealHandoff(
      [{ ...storedKeyOf(pending), description: pending.description ?? '' }],
      lock.kind === 'recipients'
        ? { kind: 'recipients', codes: lock.codes }
        : { kind: 'passphrase', passphrase: generated?.text ?? lock.passphrase ?? '' },
    );
    try {
      await writeFileAtomic(file, armored, 0o600);
    } catch (error) {
      // The secret is still held: the person can pick another folder or another way to save it.
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      log('handoff', `save failed: ${code}`);
      throw new AppError(
        'invalid-input',
        code === 'ENOSPC'
          ? 'The disk is full, so the key file could not be saved.'
          : 'Keyward could not save the key file in that folder.',
        'Choose another folder (for example Documents) and save again. The new key is still here.',
        { cause: error },
      );
    }
    await this.#deps.newKeys.markSecured(pending, lock.kind === 'recipients' ? 'handoff' : 'file');
    await this.#deps.activity.record({
      actor: this.#deps.session.actor(),
      action: lock.kind === 'recipients' ? 'key.handed-off' : 'key.saved-to-file',
      userName: pending.userName,
      accessKeyId: pending.accessKeyId,
    });
    log('handoff', `saved ${maskKeyId(pending.accessKeyId)} (${lock.kind})`);
    return { path: file, passphrase: generated?.text ?? null };
  }

  /** Step 1: take a file from the open dialog, a drop, or the file the OS launched Keyward with. */
  async open(
    source:
      { kind: 'dialog' } | { kind: 'launch' } | { kind: 'bytes'; name: string; base64: string },
  ): Promise<OpenedHandoffFile | null> {
    let name: string;
    let bytes: Uint8Array;
    if (source.kind === 'bytes') {
      name = path.basename(source.name);
      bytes = Buffer.from(source.base64, 'base64');
    } else {
      const file =
        source.kind === 'launch'
          ? this.#takeLaunchFile()
          : await this.#deps.platform.showOpenDialog({
              title: 'Open a key file',
              filters: fileFilters,
            });
      if (file === null) return null;
      name = path.basename(file);
      bytes = await readKeyFile(file);
    }
    const info = await inspectHandoff(bytes);
    const token = randomBytes(16).toString('hex');
    this.#open.set(token, { name, bytes, contents: null });
    return { token, fileName: name, lock: info.lock };
  }

  /** Step 2: decrypt in main and show what is inside, without the secret. */
  async unlock(token: string, passphrase: string | null): Promise<UnlockedHandoff> {
    const file = this.#file(token);
    const opened = await openHandoff(file.bytes, {
      store: this.#deps.secretStore,
      ...(passphrase === null ? {} : { passphrase }),
    });
    file.contents = opened.contents;
    return { token, fileName: file.name, keys: summarizeHandoff(opened.contents) };
  }

  /**
   * Step 3: check the key works, then keep it in the keychain under the chosen name. A key that
   * does not work is stored only when the person insists.
   */
  async claim(
    token: string,
    index: number,
    profileName: string,
    storeEvenIfNotWorking: boolean,
  ): Promise<ClaimedKey> {
    const file = this.#file(token);
    const key = file.contents?.keys[index];
    if (!file.contents || !key) {
      throw new AppError(
        'invalid-input',
        'Open and unlock the key file first.',
        'Start again from "Open key file".',
      );
    }
    await this.#deps.profiles.requireFree(profileName, key.accessKeyId);
    const { region, endpoint } = await this.#deps.settings.read();
    const aws = await import('../aws');
    let verified: Awaited<ReturnType<typeof aws.verifyAccessKey>> | null = null;
    try {
      verified = await aws.verifyAccessKey(key, { region, endpoint }, this.#verifyPatienceMs);
    } catch (error) {
      if (!storeEvenIfNotWorking) {
        // Only AWS's refusal of the key says it does not work; AWS out of reach says nothing.
        if (!aws.isKeyRefused(error)) throw error;
        const detail = error instanceof AppError ? error.message : 'AWS did not accept it.';
        throw new AppError(
          'key-not-working',
          `This key does not work right now: ${detail}`,
          'Ask the sender whether the key was deactivated or deleted. You can still keep it if you are sure.',
          { cause: error },
        );
      }
    }
    const fromFile = file.contents.layout === 'keyward' ? file.contents.keys[index] : undefined;
    const stored = {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      userName: verified?.userName ?? fromFile?.userName ?? 'unknown',
      accountId: verified?.accountId || fromFile?.accountId || '000000000000',
      created: fromFile?.created ?? new Date().toISOString(),
      description: fromFile?.description ? fromFile.description : null,
    };
    await this.#deps.profiles.put(profileName, stored);
    this.#open.delete(token);
    await this.#deps.activity.record({
      actor: 'this device',
      action: 'key.stored',
      userName: stored.userName,
      accessKeyId: stored.accessKeyId,
      detail: profileName,
    });
    return { profile: summarize(profileName, stored), verified };
  }

  forget(token: string): void {
    this.#open.delete(token);
  }

  #file(token: string): OpenFile {
    const file = this.#open.get(token);
    if (!file) {
      throw new AppError(
        'invalid-input',
        'This key file is no longer open.',
        'Open the file again.',
      );
    }
    return file;
  }

  #takeLaunchFile(): string | null {
    const file = this.#launchFile;
    this.#launchFile = null;
    return file;
  }
}
