import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotationStates } from './rotation-state';
import type { RetiredKey } from './rotation-state';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'keyward-rotation-state-'));
const retired: RetiredKey = {
  version: 1,
  phase: 'retired',
  profile: 'work',
  userName: 'alice',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  retiredAt: '2024-01-01T00:00:00.000Z',
  deleteAfter: '2024-01-08T00:00:00.000Z',
};

/** Writes `text` where the record (or lock) of `profile` is kept. */
function plant(dir: string, name: string, text: string): string {
  const file = path.join(dir, 'rotations', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('the record of a rotation', () => {
  it('is null when there is none, and reads back what was written', async () => {
    const states = new RotationStates(fresh());
    expect(await states.read('work')).toBeNull();
    await states.write(retired);
    expect(await states.read('work')).toEqual(retired);
    expect(await states.list()).toEqual([retired]);
    await states.remove('work');
    expect(await states.read('work')).toBeNull();
  });

  it.each([
    ['cut short', '{"version":1,"phase":"reti'],
    ['of another shape', JSON.stringify({ ...retired, accessKeyId: 'not a key id' })],
  ])('when %s, is reported in plain words, naming the file and what to do', async (_, text) => {
    const dir = fresh();
    const file = plant(dir, 'profile-work.json', text);
    const error = await new RotationStates(dir).read('work').catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      code: 'internal',
      message: expect.stringMatching(
        /^Keyward’s record of the rotation of "work" is damaged: .*profile-work\.json/,
      ) as string,
      hint: `Check this profile’s keys in Keyward, then delete ${file}.`,
    });
  });

  it('is left out of the list when damaged, and the others are listed', async () => {
    const dir = fresh();
    const states = new RotationStates(dir);
    await states.write(retired);
    plant(dir, 'profile-home.json', '{');
    expect(await states.list()).toEqual([retired]);
  });
});

describe('the lock on a profile’s rotation', () => {
  it('is held by one rotation at a time, and released', async () => {
    const dir = fresh();
    const states = new RotationStates(dir);
    const release = await states.lock('work');
    await expect(states.lock('work')).rejects.toMatchObject({ code: 'conflict' });
    await release();
    await (
      await states.lock('work')
    )();
    expect(readdirSync(path.join(dir, 'rotations'))).toEqual([]);
  });

  it('is refused while another running process holds it', async () => {
    const dir = fresh();
    plant(dir, 'profile-work.lock', JSON.stringify({ pid: process.ppid }));
    await expect(new RotationStates(dir).lock('work')).rejects.toMatchObject({
      code: 'conflict',
      message: `Another rotation of "work" is running right now (process ${String(process.ppid)}).`,
    });
  });

  it.each([
    ['a process that is gone', JSON.stringify({ pid: 2 ** 22 + 1 })],
    ['this process, which no longer holds it', JSON.stringify({ pid: process.pid })],
    ['nobody: the file is damaged', '{"pi'],
    ['nobody: the file names no process', '{}'],
  ])('is taken over when left by %s', async (_, text) => {
    const dir = fresh();
    plant(dir, 'profile-work.lock', text);
    const release = await new RotationStates(dir).lock('work');
    await release();
  });
});
