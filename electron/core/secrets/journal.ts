import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { LostKey } from '../../common/domain';
import { JsonLinesFile } from '../files/data-file';

const outcomeSchema = z.enum(['secured', 'deleted', 'failed', 'dismissed']);
const recordSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('begin'), id: z.string(), userName: z.string(), at: z.string() }),
  z.object({ op: z.literal('key'), id: z.string(), accessKeyId: z.string() }),
  z.object({ op: z.literal('close'), id: z.string(), outcome: outcomeSchema }),
]);
type JournalRecord = z.infer<typeof recordSchema>;

/**
 * The create-key journal: one durable line before CreateAccessKey, one when the key id is known,
 * one when the secret is secured or the key deleted. An entry still open at start-up means a key
 * may exist in AWS whose secret nobody has. No secret is ever written here.
 */
export class Journal {
  readonly #file: JsonLinesFile<JournalRecord>;

  constructor(dataDir: string) {
    this.#file = new JsonLinesFile(path.join(dataDir, 'create-journal.jsonl'), recordSchema, {
      what: 'Keyward’s record of keys being created',
      whatToDo:
        'A key being created when it was damaged may exist in AWS with a secret nobody has: check the person’s keys, then close Keyward and delete the file.',
    });
  }

  async begin(userName: string): Promise<string> {
    const id = randomUUID();
    await this.#append({ op: 'begin', id, userName, at: new Date().toISOString() });
    return id;
  }

  recordKey(id: string, accessKeyId: string): Promise<void> {
    return this.#append({ op: 'key', id, accessKeyId });
  }

  close(id: string, outcome: z.infer<typeof outcomeSchema>): Promise<void> {
    return this.#append({ op: 'close', id, outcome });
  }

  /** Entries begun and never closed, oldest first, excluding the ones this process still holds. */
  async openEntries(heldByThisProcess: ReadonlySet<string> = new Set()): Promise<LostKey[]> {
    const open = new Map<string, LostKey>();
    for (const record of await this.#read()) {
      if (record.op === 'begin') {
        open.set(record.id, {
          journalId: record.id,
          userName: record.userName,
          accessKeyId: null,
          startedAt: record.at,
        });
      } else if (record.op === 'key') {
        const entry = open.get(record.id);
        if (entry) entry.accessKeyId = record.accessKeyId;
      } else {
        open.delete(record.id);
      }
    }
    return [...open.values()].filter((entry) => !heldByThisProcess.has(entry.journalId));
  }

  #append(record: JournalRecord): Promise<void> {
    return this.#file.append(record);
  }

  #read(): Promise<JournalRecord[]> {
    // A line torn by power loss is skipped: the entries around it still count.
    return this.#file.read({ damagedLines: 'skip' });
  }
}
