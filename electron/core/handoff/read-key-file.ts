import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';
import { maxHandoffFileBytes } from './age-envelope';
import { HandoffError } from './handoff-error';

/**
 * Reads a key file a person chose (open dialog, launch file, `keyward handoff open`). Only a
 * regular file of at most `maxHandoffFileBytes` is read; anything else is refused in plain words
 * before a byte is read.
 */
export async function readKeyFile(file: string): Promise<Uint8Array> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    // O_NOCTTY: a terminal device must never become the app's controlling terminal.
    // Windows has neither flag: there both are undefined, and OR-ing them adds nothing.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw await unopenable(file, error);
  }
  try {
    // The handle's own stat, not the path's: the path may have been swapped since it was chosen.
    const info = await handle.stat();
    if (!info.isFile()) throw notAKeyFile(file, info);
    if (info.size > maxHandoffFileBytes) throw new HandoffError('too-large');
    // One byte more than allowed: a file that grows while it is read is still caught, and never
    // read further.
    const buffer = new Uint8Array(maxHandoffFileBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) throw new HandoffError('too-large');
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw cannotRead(file, error);
  } finally {
    await handle.close();
  }
}

/** Explains why `open` failed; a socket, for one, cannot be opened at all (ENXIO). */
async function unopenable(file: string, error: unknown): Promise<AppError> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AppError(
      'not-found',
      `There is no file at ${file}.`,
      'Check the file name and the folder it is in, then try again.',
      { cause: error },
    );
  }
  const info = await stat(file).catch(() => null);
  if (info && !info.isFile()) return notAKeyFile(file, info);
  return cannotRead(file, error);
}

function cannotRead(file: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  return new AppError(
    'not-found',
    `Keyward could not read ${file}.`,
    code === 'EACCES' || code === 'EPERM'
      ? 'You do not have permission to read it: copy it to a folder of yours, then try again.'
      : 'Check that it still exists, then try again.',
    { cause: error },
  );
}

function notAKeyFile(file: string, info: Stats): AppError {
  return new AppError(
    'invalid-input',
    `“${path.basename(file)}” is ${kindOf(info)}, not a key file.`,
    'Choose the .keyward file you were sent.',
  );
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}
