import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityLog } from './activity-log';

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
