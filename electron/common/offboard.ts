// What offboarding a person did, as plain data: it crosses the bridge to the window as it is,
// and the command line prints it. Pure, so the renderer may import its values (the words for a
// step) too: eslint.config.js allows it.
import type { AccessKeySummary } from './domain';
import type { BridgeError } from './errors';

export type OffboardMode = 'deactivate' | 'delete';

/**
 * What else of a leaving person can go once their keys are done, in the order IAM needs them
 * gone before the user itself can be deleted.
 */
export const offboardExtras = ['console-password', 'mfa-devices', 'groups', 'user'] as const;
export type OffboardExtra = (typeof offboardExtras)[number];

/** One key of the person: done, left as it was (already inactive), or failed and why. */
export type OffboardedKey =
  | { accessKeyId: string; signedInKey: boolean; outcome: 'done' | 'unchanged' }
  | { accessKeyId: string; signedInKey: boolean; outcome: 'failed'; error: BridgeError };

/**
 * One step after the keys: the console password, one MFA device, one group, or the user.
 * `skipped` says why it was not tried (deleting the user waits for everything before it).
 */
export type OffboardStep = {
  kind: 'console-password' | 'mfa-device' | 'group' | 'user';
  /** The device's serial number, the group's name, or the user name. */
  target: string;
} & (
  | { outcome: 'done' }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; error: BridgeError }
);

export interface OffboardResult {
  userName: string;
  mode: OffboardMode;
  /** In the order they were acted on: the key Keyward is signed in with comes last. */
  keys: OffboardedKey[];
  /** After the keys, in order: console password, MFA devices, groups, the user. */
  steps: OffboardStep[];
  /** The key Keyward was signed in with was deactivated or deleted: that sign-in no longer works. */
  lockedOut: boolean;
}

/**
 * Everything offboarding could act on, read before anything is done, so the preview lists it.
 * Null where Keyward may not look (the permission is missing): the preview says so.
 */
export interface OffboardPreview {
  userName: string;
  keys: Pick<AccessKeySummary, 'accessKeyId' | 'status' | 'signedInKey'>[];
  consolePassword: boolean | null;
  mfaDevices: string[] | null;
  groups: string[] | null;
  /** Why the user itself cannot be deleted from Keyward (it is the one signed in), or null. */
  cannotDeleteUser: string | null;
}

/** The step in words, for a sentence: "the console password", "the group developers". */
export function describeStep(step: Pick<OffboardStep, 'kind' | 'target'>): string {
  switch (step.kind) {
    case 'console-password':
      return 'the console password';
    case 'mfa-device':
      return step.target === '' ? 'the MFA devices' : `the MFA device ${step.target}`;
    case 'group':
      return step.target === '' ? 'the groups' : `the group ${step.target}`;
    case 'user':
      return `the user ${step.target}`;
  }
}
