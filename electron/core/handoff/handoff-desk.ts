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
import { inspectHandoff, openHandoff } from './handoff-file';
import { readKeyFile } from './read-key-file';
import { keyFileFilters as fileFilters, sealToChosenFile } from './seal-to-file';
import { longTermKeyIdPattern } from '../../common/key-shapes';
import type { VerifiedKey } from '../aws/verify-key';

interface OpenFile {
  name: string;
  lock: 'passphrase' | 'recipients';
  bytes: Uint8Array;
  contents: HandoffContents | null;
  /** When it was opened (the desk's clock, ms): it is forgotten `openFileLifetimeMs` later. */
  openedAt: number;
}

/** Left where an opened file was once it has been forgotten, to say why it is gone. */
interface ClosedFile {
  closed: 'expired';
}

/**
 * What was opened is decrypted secrets in memory: it is forgotten this long after opening, used
 * or not, whether or not the window ever says it is done with it.
 */
export const openFileLifetimeMs = 10 * 60_000;
/** Files open at once; opening more forgets the oldest (a person handles one at a time). */
const maxOpenFiles = 16;

export interface ClaimOptions {
  /** Keep a key AWS says belongs to another account than its key file says. */
  keepEvenIfOtherAccount?: boolean;
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

/**
 * Hand-off files from the app's side: saving a new key encrypted, opening a received file in
 * steps (choose → unlock → claim), each step holding its data in main behind a token. Nothing
 * decrypted is shown or stored until the file has passed its integrity check.
 */
export class HandoffDesk {
  readonly #deps: HandoffDeskDeps;
  readonly #open = new Map<string, OpenFile | ClosedFile>();
  #launchFile: string | null;
  readonly #verifyPatienceMs: number;
  readonly #now: () => number;
  /**
   * Passphrase unlocks run one after another: each is an scrypt of up to 1 GiB (work factor 2^20,
   * the most a file may ask for), and side by side they would add up. A second unlock waits
   * rather than being refused: a person pressing Unlock again, or the window asking again after a
   * reload, should get the answer, not an error; waiting bounds the memory just the same.
   */
  #passphraseTurn: Promise<unknown> = Promise.resolve();

  constructor(
    deps: HandoffDeskDeps,
    options: {
      launchFile?: string | null;
      verifyPatienceMs?: number;
      /** The clock opened files age by (tests move it instead of waiting 10 minutes). */
      now?: () => number;
    } = {},
  ) {
    this.#deps = deps;
    this.#launchFile = options.launchFile ?? null;
    // A brand-new key can take seconds to work everywhere; tests shorten the wait.
    this.#verifyPatienceMs = options.verifyPatienceMs ?? 8000;
    this.#now = options.now ?? Date.now;
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
    const saved = await sealToChosenFile(this.#deps.platform, {
      key: { ...storedKeyOf(pending), description: pending.description ?? '' },
      lock,
      defaultName: `${pending.userName}_accessKeys.keyward`,
      stillHere: 'The new key is still here.',
    });
    if (saved === null) return null;
    await this.#deps.newKeys.markSecured(pending, lock.kind === 'recipients' ? 'handoff' : 'file');
    await this.#deps.activity.record({
      actor: this.#deps.session.actor(),
      action: lock.kind === 'recipients' ? 'key.handed-off' : 'key.saved-to-file',
      userName: pending.userName,
      accessKeyId: pending.accessKeyId,
    });
    log('handoff', `saved ${maskKeyId(pending.accessKeyId)} (${lock.kind})`);
    return saved;
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
    this.#open.set(token, {
      name,
      lock: info.lock,
      bytes,
      contents: null,
      openedAt: this.#now(),
    });
    // Also when the desk is never asked again: the timer does not keep Keyward running.
    setTimeout(() => {
      this.#expire(token);
    }, openFileLifetimeMs).unref();
    for (const oldest of [...this.#open.keys()].slice(0, -maxOpenFiles)) this.#open.delete(oldest);
    return { token, fileName: name, lock: info.lock };
  }

  /** Step 2: decrypt in main and show what is inside, without the secret. */
  async unlock(token: string, passphrase: string | null): Promise<UnlockedHandoff> {
    if (this.#file(token).lock === 'recipients') return this.#unlock(token, passphrase);
    // The turn is taken before anything is awaited, so unlocks run in the order they were asked.
    const turn = this.#passphraseTurn.then(() => this.#unlock(token, passphrase));
    this.#passphraseTurn = turn.catch(() => undefined);
    return turn;
  }

  async #unlock(token: string, passphrase: string | null): Promise<UnlockedHandoff> {
    // Asked again: the file may have been forgotten while this unlock waited its turn.
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
    options: ClaimOptions = {},
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
    if (!longTermKeyIdPattern.test(key.accessKeyId)) {
      // Keyward's files and the IAM console's download never carry a session token, and an ASIA
      // key is nothing without one: no amount of insisting makes it work.
      throw new AppError(
        'handoff-invalid',
        `The key ${key.accessKeyId} in this file is a temporary key (it starts with ASIA), and a key file never holds the session token such a key needs, so it can never work.`,
        'Ask the sender for a long-term access key (one that starts with AKIA).',
      );
    }
    // Asked now to refuse before contacting AWS; asked again, atomically, when storing.
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
    // An answer without an account (never from AWS itself) cannot contradict the file.
    if (verified?.accountId && fromFile && verified.accountId !== fromFile.accountId) {
      if (!options.keepEvenIfOtherAccount) throw otherAccount(fromFile.accountId, verified);
      log(
        'handoff',
        `claim ${maskKeyId(key.accessKeyId)}: kept although the file named another account`,
      );
    }
    const stored = {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      userName: verified?.userName ?? fromFile?.userName ?? 'unknown',
      accountId: verified?.accountId || fromFile?.accountId || '000000000000',
      created: fromFile?.created ?? new Date().toISOString(),
      description: fromFile?.description ? fromFile.description : null,
    };
    await this.#deps.profiles.keepNew(profileName, stored);
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
    if (this.#expire(token)) {
      throw new AppError(
        'invalid-input',
        'This key file was closed 10 minutes after it was opened, so Keyward no longer holds what is inside.',
        'Open the key file again.',
      );
    }
    const file = this.#open.get(token);
    if (!file || 'closed' in file) {
      throw new AppError(
        'invalid-input',
        'This key file is no longer open.',
        'Open the file again.',
      );
    }
    return file;
  }

  /**
   * Forgets an opened file once its time is up, keeping only a note that it expired; says whether
   * it has. The clock is checked on every use too, as a timer can fire late (a laptop asleep).
   */
  #expire(token: string): boolean {
    const file = this.#open.get(token);
    if (!file) return false;
    if ('closed' in file) return true;
    if (this.#now() - file.openedAt < openFileLifetimeMs) return false;
    this.#open.set(token, { closed: 'expired' });
    return true;
  }

  #takeLaunchFile(): string | null {
    const file = this.#launchFile;
    this.#launchFile = null;
    return file;
  }
}

/** AWS says the key is another account's than its file says: a mix-up, or a file not to trust. */
function otherAccount(inFile: string, verified: VerifiedKey): AppError {
  return new AppError(
    'key-other-account',
    `This key belongs to AWS account ${verified.accountId}, but the key file says it is for account ${inFile}.`,
    'The sender may have sent a key for another account than they meant to. Ask them before you keep it; you can still keep it if you are sure.',
    { details: { otherAccount: { inFile, verified: verified.accountId } } },
  );
}
