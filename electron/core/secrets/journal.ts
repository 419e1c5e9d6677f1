import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LostKey } from '../../common/domain';
import { appendLineDurably } from '../files/atomic-write';

/**
 * The create-key journal: one durable line before CreateAccessKey, one when the key id is known,
 * one when the secret is secured or the key deleted. An entry still open at start-up means a key
 * may exist in AWS whose secret nobody has. No secret is ever written here.
 */
type JournalRecord =
  | { op: 'begin'; id: string; userName: string; at: string }
  | { op: 'key'; id: string; accessKeyId: string }
  | { op: 'close'; id: string; outcome: 'secured' | 'deleted' | 'failed' | 'dismissed' };

export class Journal {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'create-journal.jsonl');
  }

  async begin(userName: string): Promise<string> {
    const id = randomUUID();
    await this.#append({ op: 'begin', id, userName, at: new Date().toISOString() });
    return id;
  }

  recordKey(id: string, accessKeyId: string): Promise<void> {
    return this.#append({ op: 'key', id, accessKeyId });
  }

  close(id: string, outcome: 'secured' | 'deleted' | 'failed' | 'dismissed'): Promise<void> {
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

  async #append(record: JournalRecord): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    await appendLineDurably(this.#file, JSON.stringify(record));
  }

  async #read(): Promise<JournalRecord[]> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch {
      return [];
    }
    const records: JournalRecord[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line) as JournalRecord);
      } catch {
        // A line torn by power loss: the entries around it still count.
      }
    }
    return records;
  }
}
