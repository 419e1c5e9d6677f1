import path from 'node:path';
import { z } from 'zod';
import { JsonLinesFile } from '../files/data-file';
import { log } from '../log';
import { activityActions } from '../../common/activity';
import type { ActivityEntry } from '../../common/activity';

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

/** The local activity log: JSON lines in the data folder, for "who did what to which key, when". */
export class ActivityLog {
  readonly #file: JsonLinesFile<ActivityEntry>;

  constructor(dataDir: string) {
    this.#file = new JsonLinesFile(path.join(dataDir, 'activity.jsonl'), activityEntrySchema, {
      what: 'Keyward’s activity log',
      whatToDo:
        'Keyward still records new activity. To start a clean log, close Keyward and delete the file.',
    });
  }

  async record(entry: Omit<ActivityEntry, 'at'>): Promise<void> {
    const line: ActivityEntry = { at: new Date().toISOString(), ...entry };
    try {
      await this.#file.append(line);
    } catch (error) {
      // The log is a record, not a gate: failing to write it must not undo what already happened.
      log(
        'activity',
        `could not record ${entry.action}: ${error instanceof Error ? error.message : 'unknown'}`,
      );
    }
  }

  /** The last `limit` entries, the newest last. */
  async recent(limit: number): Promise<ActivityEntry[]> {
    return (await this.read()).slice(-limit);
  }

  read(): Promise<ActivityEntry[]> {
    // A line torn by a crash is skipped; the rest of the record stays readable.
    return this.#file.read({ damagedLines: 'skip' });
  }
}
