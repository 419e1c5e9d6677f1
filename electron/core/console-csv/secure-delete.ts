import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { AppError } from '../errors';

/**
 * What deleting a plaintext key file cannot reach, said wherever Keyward offers it: the bytes on
 * this disk are zeroed, but copies elsewhere are out of its hands.
 */
export const deletionLimits =
  'Copies elsewhere are not reached: backups (such as Time Machine or File History), a copy in the Recycle Bin or Trash, and synced copies (Dropbox, OneDrive, iCloud Drive). Delete those yourself if there are any.';

/**
 * Overwrites a regular file's bytes with zeros, flushes them to the disk, then removes the file,
 * so its plaintext is not left in the freed blocks for an undelete tool (on disks that write in
 * place; SSDs and copy-on-write file systems may keep old blocks anyway, which is why the words
 * above promise no more). A symbolic link is refused rather than followed: zeroing wherever it
 * points is not what the person asked.
 */
export async function overwriteAndRemove(file: string): Promise<void> {
  let handle;
  try {
    // O_NOFOLLOW: not through a link; O_NONBLOCK: a FIFO never waits. Both are 0 on Windows.
    handle = await open(file, constants.O_RDWR | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    throw cannotDelete(file, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new AppError(
        'invalid-input',
        `${file} is not an ordinary file, so Keyward left it alone.`,
        'Delete the key download yourself.',
      );
    }
    const zeros = new Uint8Array(Math.min(info.size, 64 * 1024));
    for (let at = 0; at < info.size; at += zeros.length) {
      await handle.write(zeros, 0, Math.min(zeros.length, info.size - at), at);
    }
    await handle.sync();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw cannotDelete(file, error);
  } finally {
    await handle.close();
  }
  try {
    await unlink(file);
  } catch (error) {
    throw cannotDelete(file, error);
  }
}

function cannotDelete(file: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  if (code === 'ENOENT') {
    return new AppError(
      'not-found',
      `${file} is no longer there: it was moved or deleted already.`,
      'If you moved it, delete it where it is now.',
      { cause: error },
    );
  }
  return new AppError(
    'invalid-input',
    `Keyward could not delete ${file} (${code}). The key is kept in the keychain all the same.`,
    'Delete the file yourself, then empty the Recycle Bin or Trash.',
    { cause: error },
  );
}
