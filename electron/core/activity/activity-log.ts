import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { appendLineDurably } from '../files/atomic-write';
import { log } from '../log';

/** One thing that happened to a key. Never a secret: ids, names and times only. */
export interface ActivityEntry {
  at: string;
  /** The ARN (or profile) that did it. */
  actor: string;
  action:
    | 'key.created'
    | 'key.activated'
    | 'key.deactivated'
    | 'key.deleted'
    | 'key.described'
    | 'key.stored'
    | 'key.removed-from-device'
    | 'key.secret-copied'
    | 'key.secret-shown'
    | 'key.saved-to-file'
    | 'key.handed-off'
    | 'key.discarded'
    | 'key.lost';
  userName: string;
  accessKeyId: string;
  detail?: string;
}

/** The local activity log: JSON lines in the data folder, for "who did what to which key, when". */
export class ActivityLog {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'activity.jsonl');
  }

  async record(entry: Omit<ActivityEntry, 'at'>): Promise<void> {
    const line: ActivityEntry = { at: new Date().toISOString(), ...entry };
    try {
      await mkdir(path.dirname(this.#file), { recursive: true });
      await appendLineDurably(this.#file, JSON.stringify(line));
    } catch (error) {
      // The log is a record, not a gate: failing to write it must not undo what already happened.
      log(
        'activity',
        `could not record ${entry.action}: ${error instanceof Error ? error.message : 'unknown'}`,
      );
    }
  }

  async read(): Promise<ActivityEntry[]> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch {
      return [];
    }
    const entries: ActivityEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as ActivityEntry);
      } catch {
        // A line torn by a crash is skipped; the rest of the record stays readable.
      }
    }
    return entries;
  }
}
