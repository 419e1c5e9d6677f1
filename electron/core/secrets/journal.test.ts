import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from './journal';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'keyward-journal-'));

describe('the create-key journal', () => {
  it('lists entries begun and never closed, with the key id once it is known', async () => {
    const journal = new Journal(fresh());
    const secured = await journal.begin('alice');
    await journal.recordKey(secured, 'AKIAIOSFODNN7EXAMPLE');
    await journal.close(secured, 'secured');
    const open = await journal.begin('bob');
    await journal.recordKey(open, 'AKIAI44QH8DHBEXAMPLE');
    const held = await journal.begin('carol');
    expect(await journal.openEntries(new Set([held]))).toEqual([
      {
        journalId: open,
        userName: 'bob',
        accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
        startedAt: expect.any(String) as string,
      },
    ]);
  });

  it('skips a line torn by power loss; the entries around it still count', async () => {
    const dir = fresh();
    const journal = new Journal(dir);
    const first = await journal.begin('alice');
    appendFileSync(path.join(dir, 'create-journal.jsonl'), '{"op":"close","id":"');
    const second = await journal.begin('bob');
    appendFileSync(path.join(dir, 'create-journal.jsonl'), '{"op":"key","id":"x"}\n{"op":"be');
    expect((await journal.openEntries()).map((entry) => entry.journalId)).toEqual([first, second]);
  });
});
