import { chmod, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';
import { writeFileAtomic } from '../files/atomic-write';

/** The two shared files the AWS CLI and SDKs read. */
export interface AwsFiles {
  config: string;
  credentials: string;
}

/** Where the AWS CLI looks: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/. */
export function awsFiles(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): AwsFiles {
  const expand = (file: string) => (file.startsWith('~') ? path.join(home, file.slice(1)) : file);
  return {
    config: path.resolve(expand(env['AWS_CONFIG_FILE'] || path.join(home, '.aws', 'config'))),
    credentials: path.resolve(
      expand(env['AWS_SHARED_CREDENTIALS_FILE'] || path.join(home, '.aws', 'credentials')),
    ),
  };
}

export const backupSuffix = '.keyward-backup';

/** A shared file as it is now: its text (empty when absent) and what writing it back needs. */
export interface FileSnapshot {
  /** The real file, with symlinks resolved, so a linked dotfile stays a link. */
  file: string;
  exists: boolean;
  text: string;
  /**
   * Whether the bytes are UTF-8, as the AWS CLI requires (Python refuses anything else). When
   * not, `text` has replacement characters and must never be written back.
   */
  utf8: boolean;
  mode: number;
}

// A byte-order mark stays in the text: the AWS CLI does not skip it either.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function decode(bytes: Buffer): { text: string; utf8: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), utf8: true };
  } catch {
    return { text: lenientUtf8.decode(bytes), utf8: false };
  }
}

export async function readSnapshot(file: string): Promise<FileSnapshot> {
  let real = file;
  try {
    real = await realpath(file);
  } catch {
    // Absent: it is created where the AWS CLI will look for it.
  }
  try {
    const [bytes, info] = await Promise.all([readFile(real), stat(real)]);
    return { file: real, exists: true, ...decode(bytes), mode: info.mode & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { file: real, exists: false, text: '', utf8: true, mode: 0o600 };
    }
    throw unreadable(file, error);
  }
}

/**
 * Writes the new text, first keeping `backupText` (the file as it was, minus anything that must
 * not survive, such as a secret just moved to the keychain) beside it. Both writes are atomic.
 * Returns the backup's path, or null when the file did not exist before.
 */
export async function writeWithBackup(
  snapshot: FileSnapshot,
  text: string,
  backupText: string = snapshot.text,
): Promise<string | null> {
  try {
    let backup: string | null = null;
    if (snapshot.exists) {
      backup = snapshot.file + backupSuffix;
      // Shared files hold credentials: the backup is never more readable than 0600.
      await writeFileAtomic(backup, backupText, 0o600);
      await chmod(backup, 0o600);
    } else {
      // ~/.aws holds credentials: readable by its owner only, as the AWS CLI creates it.
      await mkdir(path.dirname(snapshot.file), { recursive: true, mode: 0o700 });
    }
    await writeFileAtomic(snapshot.file, text, snapshot.mode);
    // The umask may have narrowed the mode of the new file: keep the one the person chose.
    await chmod(snapshot.file, snapshot.mode);
    return backup;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'internal',
      `Keyward could not write ${snapshot.file}.`,
      'Check that the folder exists and that you may write to it, then try again.',
      { cause: error },
    );
  }
}

function unreadable(file: string, error: unknown): AppError {
  return new AppError(
    'internal',
    `Keyward could not read ${file}.`,
    'Check that the file is readable by you, then try again.',
    { cause: error },
  );
}
