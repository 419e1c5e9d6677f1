import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConsoleCsvKept, ConsoleCsvOffer, ConsoleCsvOpened } from '../../common/console-csv';
import type { Settings } from '../../common/domain';
import { freeProfileName, normalisedProfileName } from '../../common/profile-names';
import type { ActivityLog } from '../activity/activity-log';
import { AppError } from '../errors';
import { readKeyFile } from '../handoff/read-key-file';
import { log, maskKeyId } from '../log';
import type { Platform } from '../platform';
import type { ProfileStore } from '../vault/profile-store';
import { summarize } from '../vault/profile-store';
import { findConsoleCsvFiles } from './downloads-scan';
import { looksLikeConsoleCsv, parseConsoleCsv } from './parse';
import type { ConsoleCsvKey } from './parse';
import { deletionLimits, overwriteAndRemove } from './secure-delete';

export interface ConsoleCsvDeps {
  platform: Pick<Platform, 'downloadsDir'>;
  profiles: Pick<ProfileStore, 'keepNew' | 'list' | 'requireFree'>;
  activity: Pick<ActivityLog, 'record'>;
  settings: { read(): Promise<Settings> };
}

export interface ConsoleCsvOptions {
  /** How long a brand-new key may take to work everywhere (AWS: seconds; the sandbox: none). */
  verifyPatienceMs?: number;
}

/** Where a download came from: a path (dialog, command line, Downloads) or a drop's bytes. */
export type ConsoleCsvSource =
  { kind: 'path'; file: string } | { kind: 'bytes'; name: string; bytes: Uint8Array };

interface OpenDownload {
  name: string;
  /** The file on disk, when known: only then can it be deleted. */
  file: string | null;
  /** Dropped after keeping: nothing is held longer than needed. */
  key: ConsoleCsvKey | null;
  /** When the file was last written: the console offers the download only when the key is made. */
  written: string | null;
  openedAt: number;
}

/** An opened download is forgotten after this long, as an opened key file is. */
const openLifetimeMs = 10 * 60 * 1000;

/**
 * The IAM console's plaintext key download, taken into the keychain: open (shape checked, nothing
 * sent anywhere), keep (proved with STS, refused when already kept or when AWS rejects it), then
 * optionally delete the plaintext file. The secret stays in main, is never logged, and is
 * forgotten once kept.
 */
export class ConsoleCsvDesk {
  readonly #deps: ConsoleCsvDeps;
  readonly #verifyPatienceMs: number;
  readonly #open = new Map<string, OpenDownload>();
  /** Downloads found at start, by the id the window was given: the window never names a path. */
  readonly #offered = new Map<string, string>();

  constructor(deps: ConsoleCsvDeps, options: ConsoleCsvOptions = {}) {
    this.#deps = deps;
    this.#verifyPatienceMs = options.verifyPatienceMs ?? 8000;
  }

  /** Whether a file's bytes are a console download rather than a key file. */
  static recognises(bytes: Uint8Array): boolean {
    return looksLikeConsoleCsv(bytes);
  }

  /**
   * The console downloads in the Downloads folder, unless Settings turned the look off. Only
   * names and folders: the files' contents past their first line are not read.
   */
  async offers(): Promise<ConsoleCsvOffer[]> {
    const { scanDownloads } = await this.#deps.settings.read();
    const folder = this.#deps.platform.downloadsDir?.() ?? null;
    if (scanDownloads === false || folder === null) return [];
    const found = await findConsoleCsvFiles(folder);
    this.#offered.clear();
    return found.map(({ file, name }) => {
      const id = randomBytes(16).toString('hex');
      this.#offered.set(id, file);
      return { id, fileName: name, folder };
    });
  }

  /** The file behind an id `offers` gave out. */
  offeredFile(id: string): string {
    const file = this.#offered.get(id);
    if (!file) {
      throw new AppError(
        'not-found',
        'Keyward no longer knows that file.',
        'Choose the file with “Choose key file…” instead.',
      );
    }
    return file;
  }

  /** Reads and checks a download, and holds its key until it is kept or forgotten. */
  async open(source: ConsoleCsvSource): Promise<ConsoleCsvOpened> {
    const bytes = source.kind === 'path' ? await readKeyFile(source.file) : source.bytes;
    const name = path.basename(source.kind === 'path' ? source.file : source.name);
    const key = parseConsoleCsv(new TextDecoder().decode(bytes));
    const file =
      source.kind === 'path' ? path.resolve(source.file) : await this.#sameInDownloads(name, bytes);
    const written = file
      ? await stat(file).then(
          (info) => info.mtime.toISOString(),
          () => null,
        )
      : null;
    const token = randomBytes(16).toString('hex');
    this.#open.set(token, { name, file, key, written, openedAt: Date.now() });
    const kept = await this.#deps.profiles.list();
    const taken = kept.map((profile) => profile.name);
    log('console-csv', `opened ${maskKeyId(key.accessKeyId)}`);
    return {
      token,
      fileName: name,
      folder: file ? path.dirname(file) : null,
      accessKeyId: key.accessKeyId,
      suggestedName: freeProfileName(userNameOf(name) ?? 'work', taken),
      keptAs: kept.find((profile) => profile.accessKeyId === key.accessKeyId)?.name ?? null,
    };
  }

  /**
   * Keeps the opened key under `name`: refused before AWS is asked when the name is taken or the
   * key is kept already (saying under which name), and when AWS does not accept the key.
   */
  async keep(token: string, name: string): Promise<ConsoleCsvKept> {
    const opened = this.#take(token);
    const key = opened.key;
    if (!key) {
      throw new AppError('conflict', 'This key is kept already.', 'Go to My keys to use it.');
    }
    await this.#deps.profiles.requireFree(name, key.accessKeyId);
    const { region, endpoint } = await this.#deps.settings.read();
    const aws = await import('../aws');
    let verified;
    try {
      verified = await aws.verifyAccessKey(key, { region, endpoint }, this.#verifyPatienceMs);
    } catch (error) {
      // Only AWS's refusal of the key says it does not work; AWS out of reach says nothing.
      if (!aws.isKeyRefused(error)) throw error;
      throw new AppError(
        'key-not-working',
        `AWS does not accept the key ${key.accessKeyId} in ${opened.name}: it may have been deactivated or deleted, or the file was changed. Keyward did not keep it.`,
        'Ask your admin whether the key is still Active, or make a new key and download its .csv file.',
        { cause: error },
      );
    }
    const stored = {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      userName: verified.userName ?? userNameOf(opened.name) ?? 'unknown',
      accountId: verified.accountId,
      created: opened.written ?? new Date().toISOString(),
      description: null,
    };
    await this.#deps.profiles.keepNew(name, stored);
    opened.key = null;
    await this.#deps.activity.record({
      actor: 'this device',
      action: 'key.imported',
      userName: stored.userName,
      accessKeyId: stored.accessKeyId,
      detail: `${name} from ${opened.name}`,
    });
    log('console-csv', `kept ${maskKeyId(key.accessKeyId)} as ${name}`);
    if (!opened.file) this.#open.delete(token);
    return {
      profile: summarize(name, stored),
      arn: verified.arn,
      canDelete: opened.file !== null,
      deletionLimits,
    };
  }

  /** Deletes the plaintext download of a key just kept: zeroed, flushed, then removed. */
  async deleteOriginal(token: string): Promise<{ file: string }> {
    const opened = this.#take(token);
    if (opened.key) {
      throw new AppError(
        'invalid-input',
        'Keep the key first: deleting the file now would lose it.',
        'Choose “Check and keep the key”, then delete the file.',
      );
    }
    if (!opened.file) {
      throw new AppError(
        'not-found',
        `Keyward does not know where ${opened.name} is, so it cannot delete it.`,
        'Delete the file yourself, then empty the Recycle Bin or Trash.',
      );
    }
    await overwriteAndRemove(opened.file);
    this.#open.delete(token);
    log('console-csv', 'deleted a kept key’s plaintext download');
    return { file: opened.file };
  }

  forget(token: string): void {
    this.#open.delete(token);
  }

  /** The command line's import: open, keep, and delete the file when asked. */
  async importFile(
    file: string,
    name: string,
    options: { deleteOriginal?: boolean } = {},
  ): Promise<ConsoleCsvKept & { deleted: string | null }> {
    const opened = await this.open({ kind: 'path', file });
    try {
      const kept = await this.keep(opened.token, name);
      const deleted = options.deleteOriginal
        ? (await this.deleteOriginal(opened.token)).file
        : null;
      return { ...kept, deleted };
    } finally {
      this.forget(opened.token);
    }
  }

  #take(token: string): OpenDownload {
    const opened = this.#open.get(token);
    if (opened && Date.now() - opened.openedAt > openLifetimeMs) this.#open.delete(token);
    const current = this.#open.get(token);
    if (!current) {
      throw new AppError(
        'invalid-input',
        'This key download is no longer open: Keyward forgets it 10 minutes after it was opened.',
        'Open the file again.',
      );
    }
    return current;
  }

  /**
   * A dropped file's path is not given to the page, but a download dropped from the Downloads
   * folder is that folder's file of the same name and the very same bytes: then it can be
   * deleted too. Only that one name is looked at.
   */
  async #sameInDownloads(name: string, bytes: Uint8Array): Promise<string | null> {
    const folder = this.#deps.platform.downloadsDir?.() ?? null;
    if (folder === null) return null;
    const file = path.join(folder, name);
    try {
      const there = await readKeyFile(file);
      return Buffer.from(there).equals(Buffer.from(bytes)) ? file : null;
    } catch {
      return null;
    }
  }
}

/** The user name in a console download's name: "alice_accessKeys.csv" → "alice". */
export function userNameOf(fileName: string): string | null {
  const match = /^(.+?)_accessKeys(?: ?\(\d+\))?\.csv$/i.exec(fileName);
  const name = match?.[1] ? normalisedProfileName(match[1]) : '';
  return name === '' ? null : name;
}
