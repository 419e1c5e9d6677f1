import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { withProcessLock } from './process-lock';

const busy = () => new AppError('conflict', 'Busy.', 'Wait.');

function lockIn(): { folder: string; file: string } {
  const folder = mkdtempSync(path.join(tmpdir(), 'keyward-lock-'));
  return { folder, file: path.join(folder, 'kept-keys.lock') };
}

function holder(pid: number, since = Date.now()): string {
  return JSON.stringify({ pid, nonce: 'ab'.repeat(16), since });
}

/** The id of a process that has ended. */
function endedProcessId(): number {
  const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(ended.stdout.toString());
}

describe('a lock shared by every Keyward process', () => {
  it('is held while the work runs and gone afterwards, even when the work fails', async () => {
    const { folder, file } = lockIn();
    const seen = await withProcessLock(file, () => Promise.resolve(existsSync(file)), { busy });
    expect(seen).toBe(true);
    expect(existsSync(file)).toBe(false);
    await expect(
      withProcessLock(file, () => Promise.reject(new Error('failed')), { busy }),
    ).rejects.toThrow('failed');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('keeps work in this process in turn, one after the other', async () => {
    const { file } = lockIn();
    const order: string[] = [];
    const step = (name: string) =>
      withProcessLock(
        file,
        async () => {
          order.push(`${name} starts`);
          await new Promise((resolve) => setImmediate(resolve));
          order.push(`${name} ends`);
        },
        { busy },
      );
    await Promise.all([step('first'), step('second')]);
    expect(order).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('waits for a process that holds it, and gives up with the given words', async () => {
    const { file } = lockIn();
    // The process that started this test is running, and is not this one.
    writeFileSync(file, holder(process.ppid));
    let ran = false;
    const waited = withProcessLock(
      file,
      () => {
        ran = true;
        return Promise.resolve();
      },
      { busy, patienceMs: 300 },
    );
    await expect(waited).rejects.toMatchObject({ code: 'conflict', message: 'Busy.' });
    expect(ran).toBe(false);
    expect(existsSync(file)).toBe(true);
  });

  it('takes over a lock left by a process that died, one that is unreadable, or a very old one', async () => {
    for (const left of [
      holder(endedProcessId()),
      '{"pid": 1',
      holder(process.ppid, Date.now() - 60 * 60_000),
    ]) {
      const { folder, file } = lockIn();
      writeFileSync(file, left);
      expect(await withProcessLock(file, () => Promise.resolve('ran'), { busy })).toBe('ran');
      expect(readdirSync(folder)).toEqual([]);
    }
  });
});
