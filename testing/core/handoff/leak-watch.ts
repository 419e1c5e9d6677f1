import { lstat, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setLogSink } from '../../../electron/core/log';

const maxScannedFileBytes = 4 * 1024 * 1024;
const skippedFolders = new Set(['node_modules', '.git']);

/**
 * Captures log lines and remembers when the watch started, so a test can then check that no
 * secret reached a log line or any file written under the temporary folder since.
 */
export function watchForLeaks() {
  const startedMs = Date.now() - 1000;
  const lines: string[] = [];
  setLogSink((line) => lines.push(line));

  async function filesWrittenSince(dir: string, found: string[], depth = 0): Promise<void> {
    if (depth > 8) return;
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return; // another user's folder, or gone already
    }
    for (const name of names) {
      // Installed packages and checkouts (a clean-clone CI run lives in the temporary folder too)
      // are not where Keyward writes: walking them only makes the scan slow.
      if (skippedFolders.has(name)) continue;
      const file = path.join(dir, name);
      const info = await lstat(file).catch(() => null);
      if (info === null) continue;
      if (info.isDirectory()) await filesWrittenSince(file, found, depth + 1);
      else if (info.isFile() && info.mtimeMs >= startedMs && info.size <= maxScannedFileBytes) {
        found.push(file);
      }
    }
  }

  return {
    lines,
    /** Every temporary file written since the watch started, or log line, containing a needle. */
    async leaksOf(needles: readonly string[]): Promise<string[]> {
      const files: string[] = [];
      await filesWrittenSince(tmpdir(), files);
      const leaks: string[] = [];
      for (const file of files) {
        const text = await readFile(file, 'latin1').catch(() => '');
        needles.forEach((needle, i) => {
          if (text.includes(needle)) leaks.push(`${file} contains value ${i}`);
        });
      }
      for (const line of lines) {
        needles.forEach((needle, i) => {
          if (line.includes(needle))
            leaks.push(`log line contains value ${i}: ${line.length} chars`);
        });
      }
      return leaks;
    },
    stop(): void {
      setLogSink((line) => {
        process.stderr.write(`${line}\n`);
      });
    },
  };
}
