import path from 'node:path';
import { z } from 'zod';
import { JsonLinesFile } from '../files/data-file';

const recordSchema = z.discriminatedUnion('op', [
  /** Written before CreateAccessKey is sent. */
  z.object({ op: z.literal('begin'), folder: z.string(), userName: z.string(), at: z.string() }),
  /** AWS answered with a key; its file is not written yet. */
  z.object({
    op: z.literal('created'),
    folder: z.string(),
    userName: z.string(),
    accessKeyId: z.string(),
    at: z.string(),
  }),
  /** The key file is in place: this person is done. */
  z.object({
    op: z.literal('written'),
    folder: z.string(),
    userName: z.string(),
    accessKeyId: z.string(),
    file: z.string(),
    /** Sealed to the code the person published: its check words (not secret), for a rerun. */
    checkWords: z.array(z.string()).optional(),
  }),
  /** Nothing is left to resume: AWS refused, or a left-over key has been reported. */
  z.object({ op: z.literal('closed'), folder: z.string(), userName: z.string() }),
]);
export type BatchJournalRecord = z.infer<typeof recordSchema>;

/** Where one person stands in a batch into one folder, from the journal's last word on them. */
export type PersonState =
  | { kind: 'none' }
  | { kind: 'begun'; at: string }
  | { kind: 'created'; accessKeyId: string; at: string }
  | { kind: 'written'; accessKeyId: string; file: string; checkWords?: string[] };

/**
 * The batch journal: one durable line per person before CreateAccessKey, one when AWS answered,
 * one when the key file is written. A batch stopped half way (the process killed) is run again
 * from it: nobody whose key was made gets a second one. No secret is ever written here.
 */
export class BatchJournal {
  readonly #file: JsonLinesFile<BatchJournalRecord>;

  constructor(dataDir: string) {
    this.#file = new JsonLinesFile(path.join(dataDir, 'batch-journal.jsonl'), recordSchema, {
      what: 'Keyward’s record of keys being created for several people',
      whatToDo:
        'A key being created when it was damaged may exist without its file: check the people’s keys in People’s keys, then close Keyward and delete the file.',
    });
  }

  append(record: BatchJournalRecord): Promise<void> {
    return this.#file.append(record);
  }

  /** Each person's state in batches into `folder`, by user name. */
  async states(folder: string): Promise<Map<string, PersonState>> {
    const states = new Map<string, PersonState>();
    // A line torn by a crash is skipped: the lines around it still count.
    for (const record of await this.#file.read({ damagedLines: 'skip' })) {
      if (record.folder !== folder) continue;
      states.set(record.userName, stateOf(record));
    }
    return states;
  }
}

function stateOf(record: BatchJournalRecord): PersonState {
  switch (record.op) {
    case 'begin':
      return { kind: 'begun', at: record.at };
    case 'created':
      return { kind: 'created', accessKeyId: record.accessKeyId, at: record.at };
    case 'written':
      return {
        kind: 'written',
        accessKeyId: record.accessKeyId,
        file: record.file,
        ...(record.checkWords ? { checkWords: record.checkWords } : {}),
      };
    case 'closed':
      return { kind: 'none' };
  }
}
