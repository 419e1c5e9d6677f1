import type { AuditFlagId, AuditSummary } from '../../../electron/common/audit';

export interface FlagText {
  /** A few words for the badge in the table. */
  label: string;
  /** What it means and what to do, in plain words, for the legend. */
  meaning: string;
  /** 'warn' for risks to act on; '' for things to tidy up or check. */
  tone: 'warn' | '';
  /** What the flag's count counts. */
  about: 'key' | 'person';
}

/** The audit's flags as people read them. The thresholds come from the audit's own summary. */
export function flagText(
  id: AuditFlagId,
  summary: Pick<AuditSummary, 'staleKeyDays' | 'unusedKeyDays'>,
): FlagText {
  switch (id) {
    case 'key-older-than-limit':
      return {
        label: `Older than ${String(summary.staleKeyDays)} days`,
        meaning: `The key was made more than ${String(summary.staleKeyDays)} days ago (the limit in Settings). The longer a key lives, the more places a copy of it may be. Replace it with a new key, then delete the old one.`,
        tone: 'warn',
        about: 'key',
      };
    case 'key-never-used':
      return {
        label: 'Never used',
        meaning:
          'The key is turned on but has never been used. If nobody needs it, deactivate it, then delete it.',
        tone: 'warn',
        about: 'key',
      };
    case 'key-unused':
      return {
        label: `Unused ${String(summary.unusedKeyDays)}+ days`,
        meaning: `The key is turned on, but nobody has used it for ${String(summary.unusedKeyDays)} days or more. It is probably not needed: deactivate it, and delete it if nothing breaks.`,
        tone: 'warn',
        about: 'key',
      };
    case 'key-inactive':
      return {
        label: 'Deactivated, not deleted',
        meaning:
          'The key is turned off but still exists, and still counts towards the two keys a person may have. If nobody needs it back, delete it.',
        tone: '',
        about: 'key',
      };
    case 'two-active-keys':
      return {
        label: 'Two active keys',
        meaning:
          'Both of this person’s keys are turned on. Two keys should only overlap for a short time while one replaces the other: once the new one works everywhere, deactivate the old one.',
        tone: 'warn',
        about: 'person',
      };
    case 'new-user':
      return {
        label: 'New since last audit',
        meaning:
          'Keyward did not see this person in an earlier audit of this account. Check that they should have access keys.',
        tone: '',
        about: 'person',
      };
    case 'keys-unreadable':
      return {
        label: 'Not checked',
        meaning:
          'Keyward was not allowed to read this person’s keys, so they were not checked. Ask your AWS administrator for permission to list keys and see when they were last used.',
        tone: '',
        about: 'person',
      };
  }
}

/** The order flags are explained and shown in: risks first. Every id once (checked by type). */
export const flagOrder = [
  'key-older-than-limit',
  'key-unused',
  'key-never-used',
  'two-active-keys',
  'key-inactive',
  'new-user',
  'keys-unreadable',
] as const satisfies readonly AuditFlagId[];

// A new flag in electron/common/audit.ts fails type-checking here until it is placed above.
type Missing = Exclude<AuditFlagId, (typeof flagOrder)[number]>;
export const everyFlagPlaced: Missing extends never ? true : never = true;
