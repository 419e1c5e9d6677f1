// What Keyward records about keys in its activity log, and how each door words it. Pure: the
// window shows the same words as the command line.

export const activityActions = [
  'key.created',
  'key.activated',
  'key.deactivated',
  'key.deleted',
  'key.described',
  'key.stored',
  'key.imported',
  'key.removed-from-device',
  'key.secret-copied',
  'key.secret-shown',
  'key.saved-to-file',
  'key.handed-off',
  'key.sent-to-other-computer',
  'key.discarded',
  'key.lost',
  'user.console-password-removed',
  'user.mfa-device-removed',
  'user.removed-from-group',
  'user.deleted',
  'user.receiving-code-shared',
  'user.receiving-code-unshared',
] as const;

export type ActivityAction = (typeof activityActions)[number];

/** One thing that happened to a key. Never a secret: ids, names and times only. */
export interface ActivityEntry {
  at: string;
  /** The ARN (or "this device") that did it. */
  actor: string;
  action: ActivityAction;
  userName: string;
  accessKeyId: string;
  detail?: string | undefined;
}

/** What each recorded action means, in plain words. */
export const activityWords: Record<ActivityAction, string> = {
  'key.created': 'created',
  'key.activated': 'activated',
  'key.deactivated': 'deactivated',
  'key.deleted': 'deleted',
  'key.described': 'description changed',
  'key.stored': 'kept in the keychain',
  'key.imported': 'kept in the keychain from the AWS console’s download',
  'key.removed-from-device': 'removed from this computer',
  'key.secret-copied': 'secret copied',
  'key.secret-shown': 'secret shown',
  'key.saved-to-file': 'saved to a key file',
  'key.handed-off': 'sealed to a colleague',
  'key.sent-to-other-computer': 'sealed in a key file for another computer',
  'key.discarded': 'discarded (deleted before it was kept)',
  'key.lost': 'lost (its secret was never saved)',
  'user.console-password-removed': 'console password removed',
  'user.mfa-device-removed': 'MFA device removed',
  'user.removed-from-group': 'removed from a group',
  'user.deleted': 'IAM user deleted',
  'user.receiving-code-shared': 'receiving code shared in AWS for admins to find',
  'user.receiving-code-unshared': 'receiving code no longer shared in AWS',
};

/** A whole sentence for a list of entries: "Key deleted", "Console password removed". */
export function describeAction(action: ActivityAction): string {
  const words = activityWords[action];
  return action.startsWith('key.')
    ? `Key ${words}`
    : words.charAt(0).toUpperCase() + words.slice(1);
}

/** Which entries of the log to show or export: every part given must match. */
export interface ActivityFilter {
  /** A kept key's name, a key ID, or part of a key ID (at least 4 characters). */
  key?: string | undefined;
  /** The IAM user whose key it is, or part of that name (any case). */
  person?: string | undefined;
  /** From this moment on (ISO 8601), inclusive. */
  since?: string | undefined;
  /** Before this moment (ISO 8601), exclusive. */
  before?: string | undefined;
}

/** How many entries a door shows unless asked for more. */
export const defaultActivityLimit = 20;
