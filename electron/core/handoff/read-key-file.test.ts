import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { maxHandoffFileBytes } from './age-envelope';
import { HandoffError } from './handoff-error';
import { readKeyFile } from './read-key-file';

let dir: string;
let server: Server | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keyward-read-key-file-'));
});

afterEach(async () => {
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

/** The AppError `readKeyFile` refused with; fails the test if it read something instead. */
async function refusal(file: string): Promise<AppError> {
  const error: unknown = await readKeyFile(file).then(
    () => new Error(`${file} was read`),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}

describe('reading a key file someone chose', () => {
  it('reads a regular file', async () => {
    const file = path.join(dir, 'alice.keyward');
    writeFileSync(file, 'age-encryption.org/v1\n');
    expect(Buffer.from(await readKeyFile(file)).toString()).toBe('age-encryption.org/v1\n');
  });

  it('reads a file of exactly the largest size a key file may have', async () => {
    const file = path.join(dir, 'full.keyward');
    writeFileSync(file, Buffer.alloc(maxHandoffFileBytes, 1));
    expect((await readKeyFile(file)).length).toBe(maxHandoffFileBytes);
  });

  it('refuses a file too large to be a key file', async () => {
    const file = path.join(dir, 'video.mp4');
    writeFileSync(file, Buffer.alloc(maxHandoffFileBytes + 1));
    const error = await refusal(file);
    expect(error).toBeInstanceOf(HandoffError);
    expect(error).toMatchObject({ reason: 'too-large', code: 'handoff-too-large' });
  });

  // /proc files say they are empty and then hold megabytes: like a file growing as it is read.
  it.runIf(existsSync('/proc/kallsyms'))(
    'stops reading a file that holds more than its size said',
    async () => {
      expect(await refusal('/proc/kallsyms')).toMatchObject({ reason: 'too-large' });
    },
  );

  it('says a missing file is not there', async () => {
    const error = await refusal(path.join(dir, 'gone.keyward'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('gone.keyward');
  });

  it('refuses a folder, saying it is a folder', async () => {
    const folder = path.join(dir, 'Downloads');
    mkdirSync(folder);
    const error = await refusal(folder);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe('“Downloads” is a folder, not a key file.');
    expect(error.hint).toMatch(/\.keyward file/);
  });

  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    const fifo = path.join(dir, 'pipe.keyward');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const error = await refusal(fifo);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/pipe/);
  }, 5000);

  it('refuses a device', async () => {
    const error = await refusal('/dev/null');
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/device/);
  });

  it('refuses a socket', async () => {
    const socket = path.join(dir, 'agent.sock');
    const listening = createServer();
    server = listening;
    await new Promise<void>((resolve) => listening.listen(socket, resolve));
    const error = await refusal(socket);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/socket/);
  });
});
