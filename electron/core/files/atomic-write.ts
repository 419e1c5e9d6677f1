import { randomBytes } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A writer that puts `data` whole into a new temporary file beside the target (same file system),
 * flushes it to disk, then `place`s it at the target. The temporary file is gone afterwards,
 * whatever happened: after a rename there is nothing left of it, after a link its second name goes.
 */
function placedWhole(place: (temp: string, file: string) => Promise<void>) {
  return async (file: string, data: string | Uint8Array, mode = 0o600): Promise<void> => {
    const temp = path.join(
      path.dirname(file),
      `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    const handle = await open(temp, 'wx', mode);
    try {
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await place(temp, file);
    } finally {
      await rm(temp, { force: true });
    }
  };
}

/**
 * Writes a file so that readers see the old content or the new, never half of it: a temporary
 * file in the same folder (same file system, so rename is atomic), flushed to disk, then renamed.
 */
export const writeFileAtomic = placedWhole(rename);

/**
 * Creates a file that must not exist yet (a lock), whole: a reader never finds it empty or half
 * written, as it could between opening with `wx` and writing. The complete temporary file is
 * hard-linked into place, which fails with `EEXIST` when the file is already there.
 */
export const createFileAtomic = placedWhole(link);

/**
 * Appends one line and flushes it, so a crash right after still leaves the line on disk. A line
 * a crash tore (the file does not end with a newline) is ended first, so this one stays whole.
 */
export async function appendLineDurably(file: string, line: string): Promise<void> {
  const handle = await open(file, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const torn = size > 0 && last[0] !== 0x0a;
    await handle.appendFile(`${torn ? '\n' : ''}${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
