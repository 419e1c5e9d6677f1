import { open } from 'node:fs/promises';

/** How much of a file is read at a time, from its end. */
const chunkBytes = 64 * 1024;

/**
 * A file's lines from the last to the first, read from the end a chunk at a time: asking for the
 * newest few entries of a 5 MB log reads one chunk, not the whole file. Lines are split on the
 * newline byte before decoding, so a character cut by a chunk boundary is joined again. Blank
 * lines are skipped; a missing file has none.
 */
export async function* linesNewestFirst(
  file: string,
  chunkSize = chunkBytes,
): AsyncGenerator<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    let position = (await handle.stat()).size;
    // The bytes of a line whose start lies in a chunk not read yet.
    let rest = Buffer.alloc(0);
    while (position > 0) {
      const size = Math.min(chunkSize, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      await handle.read(chunk, 0, size, position);
      const data = rest.length > 0 ? Buffer.concat([chunk, rest]) : chunk;
      let end = data.length;
      for (let index = data.length - 1; index >= 0; index -= 1) {
        if (data[index] !== newline) continue;
        const line = data.toString('utf8', index + 1, end);
        if (line.trim() !== '') yield line;
        end = index;
      }
      rest = data.subarray(0, end);
    }
    const first = rest.toString('utf8');
    if (first.trim() !== '') yield first;
  } finally {
    await handle.close();
  }
}

const newline = 0x0a;
