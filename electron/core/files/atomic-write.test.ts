import { spawn } from 'node:child_process';
import {
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
import { createFileAtomic, writeFileAtomic } from './atomic-write';

describe('writing a file atomically', () => {
  it('replaces the file whole, readable only by its owner', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyward-atomic-'));
    const file = path.join(dir, 'key.keyward');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new content');
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['key.keyward']);
  });

  it('when the last step fails, leaves the old file as it was and no temporary file behind', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyward-atomic-'));
    const target = path.join(dir, 'taken');
    // A folder where the file should go makes the final rename fail.
    mkdirSync(path.join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'secret-free content')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('creates a file that must not exist yet whole, and refuses one that does', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyward-atomic-'));
    const file = path.join(dir, 'profile-work.lock');
    await createFileAtomic(file, '{"pid":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"pid":1}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(createFileAtomic(file, '{"pid":2}')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(file, 'utf8')).toBe('{"pid":1}');
    expect(readdirSync(dir)).toEqual(['profile-work.lock']);
  });

  it('a process killed while writing leaves the target untouched', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyward-atomic-'));
    const file = path.join(dir, 'big.keyward');
    writeFileSync(file, 'previous');
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(path.join(import.meta.dirname, 'atomic-write.ts'))};
      process.stdout.write('writing\\n');
      for (;;) await writeFileAtomic(${JSON.stringify(file)}, 'x'.repeat(64 * 1024 * 1024));
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve) =>
      child.stdout.once('data', () => {
        resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const content = readFileSync(file, 'utf8');
    // Either the old file or one complete new one: never a partial write at the target.
    expect(content === 'previous' || content.length === 64 * 1024 * 1024).toBe(true);
  }, 20_000);
});
