import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../common/activity';
import { parseCsv } from '../csv';
import { TestPlatform } from '../../../testing/test-platform';
import { activityCsvColumns } from './activity-export';
import { ActivityLog, activityLogMaxBytes } from './activity-log';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'keyward-activity-'));
const created = {
  actor: 'arn:aws:iam::123456789012:user/admin',
  action: 'key.created',
  userName: 'alice',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
} as const;

describe('the activity log', () => {
  it('is empty at first, then reads back what was recorded, oldest first, with the time', async () => {
    const log = new ActivityLog(fresh());
    expect(await log.read()).toEqual([]);
    await log.record(created);
    await log.record({ ...created, action: 'key.deleted', detail: 'no longer needed' });
    const entries = await log.read();
    expect(entries).toMatchObject([created, { action: 'key.deleted', detail: 'no longer needed' }]);
    expect(Date.parse(entries[0]!.at)).not.toBeNaN();
  });

  it('skips a line a crash tore or damaged, and keeps the rest of the record', async () => {
    const dir = fresh();
    const log = new ActivityLog(dir);
    await log.record(created);
    appendFileSync(path.join(dir, 'activity.jsonl'), '{"at":"2024-01-01T00:00:00.000Z","act');
    await log.record({ ...created, action: 'key.activated' });
    appendFileSync(path.join(dir, 'activity.jsonl'), '{"action":"key.nonsense"}\n{"at":');
    expect((await log.read()).map((entry) => entry.action)).toEqual([
      'key.created',
      'key.activated',
    ]);
  });

  it('never fails what already happened when it cannot be written', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    const log = new ActivityLog(path.join(dir, 'not-a-folder'));
    await expect(log.record(created)).resolves.toBeUndefined();
  });
});

const line = (n: number, extra: Partial<ActivityEntry> = {}): ActivityEntry => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  ...created,
  accessKeyId: `AKIAAAAAAAAAAAAA${String(n).padStart(4, '0')}`,
  ...extra,
});
const jsonLines = (entries: ActivityEntry[]) =>
  entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
const ids = (entries: ActivityEntry[]) => entries.map((entry) => entry.accessKeyId.slice(-4));

describe('the activity log’s rotation', () => {
  it('rotates at 5 MB', () => {
    expect(activityLogMaxBytes).toBe(5 * 1024 * 1024);
  });

  it('moves a full file aside at the real limit, not before', async () => {
    const dir = fresh();
    const file = path.join(dir, 'activity.jsonl');
    const one = `${JSON.stringify(line(0))}\n`;
    // Just room for one more line of the same size, then none.
    writeFileSync(file, 'x'.repeat(activityLogMaxBytes - one.length - 10) + '\n');
    const log = new ActivityLog(dir);
    await log.record(created);
    expect(existsSync(`${file}.1`)).toBe(false);
    await log.record(created);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(activityLogMaxBytes);
    expect(await log.recent(5)).toHaveLength(2);
  });

  it('keeps three files, drops the oldest, and reads across them newest first', async () => {
    const dir = fresh();
    const log = new ActivityLog(dir, { maxBytes: 1000 });
    for (let n = 0; n < 40; n += 1) {
      await log.record({ ...created, accessKeyId: line(n).accessKeyId });
    }
    const names = readdirSync(dir).sort();
    expect(names).toEqual(['activity.jsonl', 'activity.jsonl.1', 'activity.jsonl.2']);
    for (const name of names) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(1000);
    const all = await log.read();
    // The newest survive, in order; the oldest went with the dropped file.
    expect(ids(all).at(-1)).toBe('0039');
    expect(all.length).toBeLessThan(40);
    expect(ids(all)).toEqual(
      Array.from({ length: all.length }, (_, n) => String(40 - all.length + n).padStart(4, '0')),
    );
    expect(ids(await log.recent(3))).toEqual(['0037', '0038', '0039']);
  });

  it('reads only as far back as the newest entries asked for need', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'activity.jsonl'), jsonLines([line(1), line(2), line(3)]));
    // An older file that cannot be read at all: asking for everything says so.
    mkdirSync(path.join(dir, 'activity.jsonl.1'));
    const log = new ActivityLog(dir);
    expect(ids(await log.recent(2))).toEqual(['0002', '0003']);
    await expect(log.read()).rejects.toThrow(/activity log is damaged: .*activity\.jsonl\.1/);
  });

  it('reads lines longer than a chunk, and characters cut by a chunk boundary', async () => {
    const dir = fresh();
    const long = line(1, { detail: `é${'ü'.repeat(70_000)}` });
    writeFileSync(path.join(dir, 'activity.jsonl'), jsonLines([line(0), long, line(2)]));
    const all = await new ActivityLog(dir).read();
    expect(ids(all)).toEqual(['0000', '0001', '0002']);
    expect(all[1]!.detail).toBe(long.detail);
  });
});

describe('finding entries in the activity log', () => {
  const kept = [{ name: 'work', accessKeyId: 'AKIAAAAAAAAAAAAA0005' }];
  const history = [
    line(1, { userName: 'alice' }),
    line(2, { userName: 'bob', accessKeyId: 'AKIABBBBBBBBBBBB0002' }),
    // "work" was replaced: its old key 0001 became 0005.
    line(3, {
      userName: 'alice',
      action: 'key.stored',
      accessKeyId: 'AKIAAAAAAAAAAAAA0005',
      detail: 'work (rotated from AKIAAAAAAAAAAAAA0001)',
    }),
    line(4, { userName: 'alice', accessKeyId: 'AKIAAAAAAAAAAAAA0005' }),
    line(5, { userName: 'Bobby', accessKeyId: 'AKIACCCCCCCCCCCC0009' }),
  ];
  const logOf = () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'activity.jsonl'), jsonLines(history));
    return new ActivityLog(dir, { keptKeys: () => Promise.resolve(kept) });
  };

  it('by key name, following the key back through its replacement', async () => {
    expect(ids(await logOf().find({ key: 'WORK' }))).toEqual(['0001', '0005', '0005']);
  });

  it('by key ID or part of one, but not by a fragment too short to mean anything', async () => {
    expect(ids(await logOf().find({ key: 'AKIABBBBBBBBBBBB0002' }))).toEqual(['0002']);
    expect(ids(await logOf().find({ key: 'cccc0009' }))).toEqual(['0009']);
    expect(await logOf().find({ key: '09' })).toEqual([]);
  });

  it('by person, any case and part of the name', async () => {
    expect(ids(await logOf().find({ person: 'bob' }))).toEqual(['0002', '0009']);
  });

  it('by date range, from inclusive to before exclusive, and with a limit the newest', async () => {
    const since = line(2).at;
    const before = line(4).at;
    expect(ids(await logOf().find({ since, before }))).toEqual(['0002', '0005']);
    expect(ids(await logOf().find({ person: 'alice' }, { limit: 2 }))).toEqual(['0005', '0005']);
  });
});

describe('exporting the history as CSV', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  it('asks where to save and writes the matching entries, oldest first', async () => {
    const dir = fresh();
    const platform = new TestPlatform(dir);
    const log = new ActivityLog(dir, { platform });
    await log.record({ ...created, userName: '=cmd|calc', detail: 'first' });
    await log.record({ ...created, userName: 'bob', action: 'key.deleted' });
    await log.record({ ...created, detail: 'last' });
    const file = path.join(dir, 'history.csv');
    platform.answerNextSave(file);
    expect(await log.exportCsv({ person: 'cmd' })).toEqual({ path: file });
    expect(platform.dialogs.save.at(-1)).toMatchObject({
      title: 'Export the history',
      defaultName: expect.stringMatching(/^keyward-history-\d{4}-\d{2}-\d{2}\.csv$/) as string,
    });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...activityCsvColumns]);
    expect(rows.slice(1).map((row) => [row[1], row[3], row[6]])).toEqual([
      ['created', "'=cmd|calc", 'first'],
    ]);

    platform.answerNextSave(file);
    await log.exportCsv({});
    expect(parseCsv(readFileSync(file, 'utf8')).map((row) => row[6])).toEqual([
      'detail',
      'first',
      '',
      'last',
    ]);
  });

  it('writes nothing when the person cancels the save dialog', async () => {
    const dir = fresh();
    const platform = new TestPlatform(dir);
    const log = new ActivityLog(dir, { platform });
    await log.record(created);
    platform.answerNextSave(null);
    expect(await log.exportCsv({})).toBeNull();
    expect(readdirSync(dir)).toEqual(['activity.jsonl']);
  });

  it('never lets a secret into the log, nor into an export of a hand-edited log', async () => {
    const dir = fresh();
    const platform = new TestPlatform(dir);
    const log = new ActivityLog(dir, { platform });
    await log.record({ ...created, detail: `oops ${secret}`, actor: secret });
    await log.record({ ...created, accessKeyId: secret });
    expect(readFileSync(path.join(dir, 'activity.jsonl'), 'utf8')).not.toContain(secret);
    appendFileSync(path.join(dir, 'activity.jsonl'), jsonLines([line(9, { detail: secret })]));
    const file = path.join(dir, 'history.csv');
    platform.answerNextSave(file);
    await log.exportCsv({});
    const text = readFileSync(file, 'utf8');
    expect(parseCsv(text)).toHaveLength(4);
    expect(text).not.toContain(secret);
  });
});
