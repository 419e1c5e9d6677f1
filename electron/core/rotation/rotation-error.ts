import type { AccessKeySummary } from '../../common/domain';
import { AppError } from '../errors';
import type { RotationInProgress } from './rotation-state';

/** What is known about one of the rotation's keys when it stopped. */
export interface RotationKeyState {
  accessKeyId: string;
  role: 'old' | 'new';
  /** As AWS last reported it (or as Keyward left it): Active, Inactive, deleted, or unknown. */
  status: 'Active' | 'Inactive' | 'deleted' | 'unknown';
  /** Where its secret is on this device. */
  secret: 'in-use' | 'staged' | 'kept-for-rollback' | 'lost' | 'none' | 'unknown';
}

/**
 * A rotation that stopped part-way. Nothing is half-done: every step is complete or not started,
 * the record in the data folder says which, and `keys` says exactly where each key stands.
 */
export class RotationError extends AppError {
  readonly profile: string;
  readonly step: RotationInProgress['step'];
  readonly keys: RotationKeyState[];
  readonly operation: 'rotate' | 'rollback';

  constructor(
    state: RotationInProgress,
    operation: 'rotate' | 'rollback',
    cause: unknown,
    keys: RotationKeyState[],
  ) {
    const reason =
      cause instanceof AppError ? cause.message : 'Something unexpected went wrong inside Keyward.';
    const doing = operation === 'rotate' ? 'rotation' : 'roll-back of the rotation';
    super(
      cause instanceof AppError ? cause.code : 'internal',
      `The ${doing} of "${state.profile}" stopped: ${reason} ${describeKeys(state.profile, keys)}`,
      `${cause instanceof AppError ? `${cause.hint} ` : ''}Then resume the rotation to finish it, or roll it back to keep the old key.`,
      { cause, ...(cause instanceof AppError && cause.details ? { details: cause.details } : {}) },
    );
    this.name = 'RotationError';
    this.profile = state.profile;
    this.step = state.step;
    this.keys = keys;
    this.operation = operation;
  }
}

/**
 * Refused because the last rotation of this profile is unfinished: a new rotation, or removing
 * the key from this computer (the rotation needs it to finish or to go back).
 */
export class UnfinishedRotationError extends AppError {
  readonly profile: string;

  constructor(state: RotationInProgress, refused: 'rotate' | 'remove' = 'rotate') {
    const unfinished = `A rotation of "${state.profile}" is unfinished (it stopped after the step "${state.step}")`;
    super(
      'conflict',
      refused === 'rotate'
        ? `${unfinished}.`
        : `${unfinished}, and it needs this key, so the key cannot be removed yet.`,
      refused === 'rotate'
        ? 'Resume it to finish, or roll it back to keep the old key.'
        : 'Resume the rotation to finish it, or roll it back to keep the old key; then remove the key.',
    );
    this.name = 'UnfinishedRotationError';
    this.profile = state.profile;
  }
}

/** The keys' state in words, e.g. "Old key AKIA…: active, still in use by "work"." */
export function describeKeys(profile: string, keys: readonly RotationKeyState[]): string {
  return keys.map((key) => describeKey(profile, key)).join(' ');
}

function describeKey(profile: string, key: RotationKeyState): string {
  const name = `${key.role === 'old' ? 'The old key' : 'The new key'} ${key.accessKeyId}`;
  if (key.status === 'deleted') return `${name} has been deleted.`;
  const status =
    key.status === 'unknown'
      ? 'may be active (Keyward could not check)'
      : `is ${key.status.toLowerCase()}`;
  switch (key.secret) {
    case 'in-use':
      return `${name} ${status} and is the one "${profile}" uses.`;
    case 'staged':
      return `${name} ${status} and kept in the keychain, but not in use yet.`;
    case 'kept-for-rollback':
      return `${name} ${status}; its secret stays in the keychain until the rotation ends, so it can still be rolled back.`;
    case 'lost':
      return `${name} ${status}, but its secret was lost, so it cannot be used: resuming or rolling back deletes it.`;
    case 'none':
      return `${name} ${status}.`;
    case 'unknown':
      return `${name} ${status}; Keyward could not check the keychain.`;
  }
}

/** Two keys already: the rotation names both and says how to make room. */
export function keyLimitError(
  userName: string,
  profile: string,
  old: AccessKeySummary,
  other: AccessKeySummary,
  keys: AccessKeySummary[],
): AppError {
  const used = other.lastUsed ? `last used ${other.lastUsed.date.slice(0, 10)}` : 'never used';
  return new AppError(
    'key-limit',
    `${userName} already has two access keys, the most AWS allows: ${old.accessKeyId} (kept as "${profile}") and ${other.accessKeyId} (${other.status.toLowerCase()}, ${used}). Rotation needs room for a new one.`,
    other.status === 'Active' && other.lastUsed
      ? `Deactivate ${other.accessKeyId} and check that nothing breaks, then remove it and rotate again.`
      : `Remove ${other.accessKeyId} first (Keyward can do this as part of the rotation), then rotate.`,
    { details: { existingKeys: keys } },
  );
}
