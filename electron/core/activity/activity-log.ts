import { rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DamagedFileError, JsonLinesFile } from '../files/data-file';
import { writeFileAtomic } from '../files/atomic-write';
import { log, redactSecrets } from '../log';
import type { Platform } from '../platform';
import { activityActions } from '../../common/activity';
import type { ActivityEntry, ActivityFilter } from '../../common/activity';
import { activityCsvName, activityToCsv } from './activity-export';
import { matchesNewestFirst } from './activity-filter';
import type { KeptKeyName } from './activity-filter';
import { linesNewestFirst } from './newest-first';

const activityEntrySchema: z.ZodType<ActivityEntry> = z.object({
  at: z.string(),
  /** The ARN (or profile) that did it. */
  actor: z.string(),
  action: z.enum(activityActions),
  userName: z.string(),
  accessKeyId: z.string(),
  detail: z.string().optional(),
});

export type { ActivityEntry };

/** The log rotates once its file would pass this size: 5 MB. */
export const activityLogMaxBytes = 5 * 1024 * 1024;
/** An access key ID's shape; anything else in that field is not recorded as it is. */
const keyIdShape = /^[A-Z0-9]{16,128}$/;

const about = {
  what: 'Keyward’s activity log',
  whatToDo:
    'Keyward still records new activity. To start a clean log, close Keyward and delete the file.',
};

export interface ActivityLogOptions {
  /** Rotate past this many bytes (tests use a small size); `activityLogMaxBytes` unless told. */
  maxBytes?: number;
  /** The keys kept on this computer, so a key name finds its entries (the log records IDs). */
  keptKeys?: () => Promise<readonly KeptKeyName[]>;
  /** For the save dialog of an export. */
  platform?: Pick<Platform, 'showSaveDialog'>;
}

/**
 * The local activity log: JSON lines in the data folder, for "who did what to which key, when".
 * It rotates at 5 MB and keeps three files, and is read newest first, a chunk at a time, so the
 * last entries cost one read however long the history.
 */
export class ActivityLog {
  readonly #file: JsonLinesFile<ActivityEntry>;
  readonly #maxBytes: number;
  readonly #options: ActivityLogOptions;
  /** Records one at a time, so a rotation never runs beside an append of this process. */
  #writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string, options: ActivityLogOptions = {}) {
    this.#file = new JsonLinesFile(
      path.join(dataDir, 'activity.jsonl'),
      activityEntrySchema,
      about,
    );
    this.#maxBytes = options.maxBytes ?? activityLogMaxBytes;
    this.#options = options;
  }

  /** The log's three files, newest first. */
  get files(): string[] {
    const file = this.#file.path;
    return [file, `${file}.1`, `${file}.2`];
  }

  record(entry: Omit<ActivityEntry, 'at'>): Promise<void> {
    const next = this.#writing.then(() => this.#record(entry));
    this.#writing = next;
    return next;
  }

  async #record(entry: Omit<ActivityEntry, 'at'>): Promise<void> {
    const line: ActivityEntry = { at: new Date().toISOString(), ...withoutSecrets(entry) };
    try {
      await this.#rotateIfFull(Buffer.byteLength(JSON.stringify(line)) + 1);
      await this.#file.append(line);
    } catch (error) {
      // The log is a record, not a gate: failing to write it must not undo what already happened.
      log(
        'activity',
        `could not record ${entry.action}: ${error instanceof Error ? error.message : 'unknown'}`,
      );
    }
  }

  /**
   * Moves the full file aside before a line would take it past the limit: .1 becomes .2 (the
   * oldest .2 is replaced, so dropped), the file becomes .1. Another process (the command line)
   * rotating at the same moment can at worst rotate a nearly empty file once more; no line is
   * lost from the files kept.
   */
  async #rotateIfFull(lineBytes: number): Promise<void> {
    const size = await stat(this.#file.path).then(
      (stats) => stats.size,
      () => 0,
    );
    if (size === 0 || size + lineBytes <= this.#maxBytes) return;
    const file = this.#file.path;
    await moveIfThere(`${file}.1`, `${file}.2`);
    await moveIfThere(file, `${file}.1`);
  }

  /**
   * Entries newest first, across the rotated files, read lazily: stop iterating and nothing
   * older is read. A line torn by a crash or damaged is skipped; the rest stays readable.
   */
  async *newestFirst(): AsyncGenerator<ActivityEntry> {
    for (const file of this.files) {
      try {
        for await (const line of linesNewestFirst(file)) {
          const entry = parseLine(line);
          if (entry) yield entry;
        }
      } catch (error) {
        if (error instanceof DamagedFileError) throw error;
        throw new DamagedFileError(
          file,
          { ...about, whatToDo: `Check that ${file} is yours and can be read, then try again.` },
          'cannot be read',
          { cause: error },
        );
      }
    }
  }

  /** The last `limit` entries, the newest last. */
  recent(limit: number): Promise<ActivityEntry[]> {
    return this.find({}, { limit });
  }

  /** Every entry, oldest first. */
  read(): Promise<ActivityEntry[]> {
    return this.find({});
  }

  /**
   * The entries `filter` matches, the newest last: the newest `limit` of them when a limit is
   * given (reading back only as far as it takes), all otherwise.
   */
  async find(filter: ActivityFilter, options: { limit?: number } = {}): Promise<ActivityEntry[]> {
    const matches = matchesNewestFirst(filter, filter.key ? await this.#keptKeys() : []);
    const found: ActivityEntry[] = [];
    if (options.limit !== undefined && options.limit < 1) return found;
    for await (const entry of this.newestFirst()) {
      if (!matches(entry)) continue;
      found.push(entry);
      if (found.length === options.limit) break;
    }
    return found.reverse();
  }

  /**
   * Asks where to save, then writes the entries `filter` matches as CSV, oldest first (a
   * byte-order mark first, so spreadsheet programs read it as UTF-8). Resolves to the path, or
   * null when the person cancelled.
   */
  async exportCsv(filter: ActivityFilter): Promise<{ path: string } | null> {
    const platform = this.#options.platform;
    if (!platform) throw new Error('This activity log was made without a platform to save with.');
    const file = await platform.showSaveDialog({
      title: 'Export the history',
      defaultName: activityCsvName(),
      filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
    });
    if (file === null) return null;
    const entries = await this.find(filter);
    await writeFileAtomic(file, `\uFEFF${activityToCsv(entries)}`);
    log('activity', `exported ${String(entries.length)} entries`);
    return { path: file };
  }

  async #keptKeys(): Promise<readonly KeptKeyName[]> {
    try {
      return (await this.#options.keptKeys?.()) ?? [];
    } catch {
      // Without the keychain a key name finds only the entries that name it; key IDs still work.
      return [];
    }
  }
}

/** Renames `from` onto `to` (replacing it); nothing to move is fine. */
async function moveIfThere(from: string, to: string): Promise<void> {
  await rename(from, to).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  });
}

function parseLine(line: string): ActivityEntry | null {
  try {
    const parsed = activityEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The backstop that keeps a secret out of the log whatever a caller passes: free text loses
 * anything shaped like a secret, and a key ID field that is not shaped like one is not kept.
 */
function withoutSecrets(entry: Omit<ActivityEntry, 'at'>): Omit<ActivityEntry, 'at'> {
  return {
    ...entry,
    actor: redactSecrets(entry.actor),
    accessKeyId:
      entry.accessKeyId === '' || keyIdShape.test(entry.accessKeyId)
        ? entry.accessKeyId
        : '[not a key ID]',
    ...(entry.detail === undefined ? {} : { detail: redactSecrets(entry.detail) }),
  };
}
