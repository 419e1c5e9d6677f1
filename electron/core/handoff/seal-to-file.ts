import type { HandoffLockRequest, SavedHandoff } from '../../common/domain';
import { AppError } from '../errors';
import { writeFileAtomic } from '../files/atomic-write';
import { log } from '../log';
import type { Platform } from '../platform';
import type { HandoffKey } from './handoff-csv';
import { sealHandoff } from './handoff-file';
import { generatePassphrase, typedPassphrase } from './passphrase';
import { assertStrongPassphrase } from './passphrase-strength';
import { parseReceivingCodes } from './receiving-codes';

export const keyFileFilters = [{ name: 'Keyward key files', extensions: ['keyward', 'age'] }];

export interface SealToFileRequest {
  key: HandoffKey;
  lock: HandoffLockRequest;
  /** The file name the save dialog suggests. */
  defaultName: string;
  /** Ends the "could not save" hint: where the key still is ("The new key is still here."). */
  stillHere: string;
  /**
   * Runs once the lock is known to be acceptable and before the place is asked for: the last
   * chance to refuse (Touch ID) before anything is written.
   */
  beforeChoosing?: () => Promise<void>;
}

/**
 * The one way a key becomes a key file: the lock is checked (a malformed receiving code or a weak
 * passphrase is refused before asking where to save), the person chooses where, the key is sealed
 * (a generated passphrase when none was typed) and written privately. Null when the person closed
 * the save dialog. Used for a new key (for its owner or a colleague) and for a kept key sent to
 * another computer of its owner.
 */
export async function sealToChosenFile(
  platform: Pick<Platform, 'showSaveDialog'>,
  request: SealToFileRequest,
): Promise<SavedHandoff | null> {
  const { lock } = request;
  const generated =
    lock.kind === 'passphrase' && lock.passphrase === null ? generatePassphrase() : null;
  // Seal (about a second of scrypt for a passphrase) only once the person has chosen a place.
  if (lock.kind === 'recipients') parseReceivingCodes(lock.codes);
  else if (lock.passphrase !== null) assertStrongPassphrase(typedPassphrase(lock.passphrase));
  await request.beforeChoosing?.();
  const file = await platform.showSaveDialog({
    title: 'Save the encrypted key file',
    defaultName: request.defaultName,
    filters: keyFileFilters,
  });
  if (file === null) return null;
  const { armored } = await sealKeyFile(request.key, lock, generated?.text);
  try {
    await writeFileAtomic(file, armored, 0o600);
  } catch (error) {
    // The secret is still where it was: the person can pick another folder or another way.
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    log('handoff', `save failed: ${code}`);
    throw new AppError(
      'invalid-input',
      code === 'ENOSPC'
        ? 'The disk is full, so the key file could not be saved.'
        : 'Keyward could not save the key file in that folder.',
      `Choose another folder (for example Documents) and save again. ${request.stillHere}`,
      { cause: error },
    );
  }
  return { path: file, passphrase: generated?.text ?? null };
}

/**
 * Seals one key for a lock, without asking where to put it: a generated passphrase (returned, to
 * be shown once) when the lock is a passphrase nobody typed. For callers that choose the place
 * themselves (a batch writes `<user>.keyward` into one folder).
 */
export async function sealKeyFile(
  key: HandoffKey,
  lock: HandoffLockRequest,
  generatedPassphrase?: string,
): Promise<{ armored: string; passphrase: string | null }> {
  const generated =
    lock.kind === 'passphrase' && lock.passphrase === null
      ? (generatedPassphrase ?? generatePassphrase().text)
      : null;
  const armored = await sealHandoff(
    [key],
    lock.kind === 'recipients'
      ? { kind: 'recipients', codes: lock.codes }
      : { kind: 'passphrase', passphrase: generated ?? lock.passphrase ?? '' },
  );
  return { armored, passphrase: generated };
}
