import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.join(import.meta.dirname, '../../testing/cli/flood-then-exit.ts');

/** Runs the script with stdout on a pipe that is read slowly, and returns what came through. */
function outputOf(bytes: number, mode: 'flush' | 'no-flush'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, String(bytes), mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    // Reading only after a moment fills the pipe, so the writer must wait for its reader.
    setTimeout(() => {
      child.stdout.resume();
    }, 300);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

describe('command output before the process exits', () => {
  const bytes = 8 * 1024 * 1024;

  it('reaches a slow pipe whole when flushed: several megabytes of JSON still parse', async () => {
    const output = await outputOf(bytes, 'flush');
    const parsed = JSON.parse(output) as { items: string[] };
    expect(parsed.items.at(-1)).toBe('end');
  });

  it('would be cut short without flushing (the failure this guards against)', async () => {
    const output = await outputOf(bytes, 'no-flush');
    expect(output.length).toBeLessThan(bytes);
  });
});
