import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isConsoleCsvHeader } from './parse';

/** The names the IAM console's download goes by: `<user>_accessKeys.csv`, and the older `credentials.csv`. */
export function isConsoleCsvName(name: string): boolean {
  return /_accessKeys(?: ?\(\d+\))?\.csv$/i.test(name) || /^credentials.*\.csv$/i.test(name);
}

/** A key download found in a folder: where it is, nothing of what it holds. */
export interface FoundConsoleCsv {
  file: string;
  name: string;
  folder: string;
}

// The header and a line end, with room to spare: the first line is all that is ever read.
const firstLineBytes = 64;

/**
 * The IAM console's key downloads lying in `folder` (not its subfolders). Only files named like
 * one are opened, and of those only the first line is read, to check it is the console's header:
 * the secret on the second line is never read here, and no other file is opened.
 */
export async function findConsoleCsvFiles(folder: string): Promise<FoundConsoleCsv[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return []; // No Downloads folder, or not readable: nothing to offer.
  }
  const found: FoundConsoleCsv[] = [];
  for (const entry of entries) {
    // Dirent's type is the entry's own: a link is not followed, a folder not opened.
    if (!entry.isFile() || !isConsoleCsvName(entry.name)) continue;
    const file = path.join(folder, entry.name);
    if (isConsoleCsvHeader(await firstLine(file))) found.push({ file, name: entry.name, folder });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

async function firstLine(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return '';
  }
  try {
    const buffer = new Uint8Array(firstLineBytes);
    const { bytesRead } = await handle.read(buffer, 0, firstLineBytes, 0);
    const text = new TextDecoder().decode(buffer.subarray(0, bytesRead));
    const end = text.indexOf('\n');
    // No line end within reach: not the header, whatever follows.
    return end === -1 ? '' : text.slice(0, end);
  } catch {
    return '';
  } finally {
    await handle.close();
  }
}
