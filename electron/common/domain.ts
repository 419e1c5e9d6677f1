import type { CredentialUse } from './credential-use';
import type { NoticeKind } from './desktop';
export interface About {
  name: string;
  version: string;
  /** Node's platform name: 'darwin', 'win32', 'linux', … */
  platform: string;
  /** Keyward can ask for Touch ID here (a Mac with it set up); absent or false: it cannot. */
  touchId?: boolean;
}

/** Why the OS keychain cannot be used. Each has its own explanation and fix. */
export type VaultProblem =
  | 'no-session-bus'
  | 'no-secret-service'
  | 'locked'
  | 'refused'
  | 'timeout'
  | 'not-installed'
  | 'unknown';

export type VaultStatus =
  | { state: 'ready'; backend: string }
  | { state: 'unavailable'; problem: VaultProblem; message: string; hint: string };

/** Where the identity Keyward signs in with comes from. */
export type SignInSource =
  { kind: 'aws-profile'; name: string } | { kind: 'stored-key'; profile: string };

export interface SignInChoices {
  /** Profiles in the shared AWS config and credentials files. */
  awsProfiles: {
    name: string;
    kind: 'keys' | 'sso' | 'assume-role' | 'process' | 'other';
    mfa: boolean;
  }[];
  /** Keys stored in this device's keychain by Keyward. */
  storedProfiles: StoredProfile[];
}

export interface Identity {
  accountId: string;
  accountAlias: string | null;
  arn: string;
  /** Null for roles and federated sessions, which are not IAM users. */
  userName: string | null;
  source: SignInSource;
  /** The access key Keyward signs with, when known, so the UI can warn before deleting it. */
  accessKeyId: string | null;
}

/** The IAM actions Keyward uses, in the order the UI explains them. */
export const keywardActions = [
  'iam:ListUsers',
  'iam:GetUser',
  'iam:ListAccessKeys',
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:DeleteAccessKey',
  'iam:GetAccessKeyLastUsed',
  'iam:TagUser',
  'iam:UntagUser',
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport',
  'iam:ListUserTags',
  'iam:GetLoginProfile',
  'iam:DeleteLoginProfile',
  'iam:ListMFADevices',
  'iam:DeactivateMFADevice',
  'iam:DeleteVirtualMFADevice',
  'iam:ListGroupsForUser',
  'iam:RemoveUserFromGroup',
  'iam:DeleteUser',
] as const;
export type KeywardAction = (typeof keywardActions)[number];

export type Permission = 'allowed' | 'denied' | 'unknown';

export interface Permissions {
  /** What the signed-in identity may do to its own user. */
  self: Record<KeywardAction, Permission>;
  /** What it may do to other users. */
  others: Record<KeywardAction, Permission>;
  /** How it was learned: a policy simulation, or refusals seen so far. */
  learnedFrom: 'simulation' | 'observed';
  /** The AWS policy to ask an admin for, when self-service actions are missing. */
  suggestion: string | null;
}

export interface IamUserSummary {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  created: string;
}

export interface UserPage {
  users: IamUserSummary[];
  /** Pass back to get the next page; null when this was the last. */
  cursor: string | null;
}

/** 'Active' | 'Inactive' | 'Expired', or whatever AWS adds next, shown as AWS names it. */
export type KeyStatus = string;

export interface AccessKeySummary {
  accessKeyId: string;
  userName: string;
  status: KeyStatus;
  created: string;
  ageDays: number;
  description: string | null;
  lastUsed: { date: string; service: string; region: string } | null;
  /** True for the key Keyward itself is signed in with. */
  signedInKey: boolean;
}

export interface NewKey {
  /** Opaque; the secret stays in main behind it. */
  handle: string;
  accessKeyId: string;
  userName: string;
  accountId: string;
  created: string;
  description: string | null;
}

export type SecuredBy = 'keychain' | 'file' | 'handoff';

/** A new key still held in main (after a reload the window picks it up again from this). */
export interface PendingKeyState extends NewKey {
  securedBy: SecuredBy[];
}

/** A key kept in this device's keychain. The secret never leaves main. */
export interface StoredProfile {
  name: string;
  accessKeyId: string;
  userName: string;
  accountId: string;
  created: string;
  description: string | null;
  /** How the AWS CLI and SDKs get it: short-lived sessions or the long-term key. */
  use: CredentialUse;
}

/**
 * A keychain entry under a key name that Keyward cannot read: listed so it can be removed.
 * Never its contents (a damaged entry may still hold a secret).
 */
export interface DamagedEntry {
  name: string;
  /** What is wrong, in plain words ("the secret is missing"). */
  problem: string;
}

/** The MFA device of a stored key's own user, as the key itself may look it up. */
export type MfaDeviceLookup =
  | { found: 'one'; serialNumber: string }
  | { found: 'none' }
  | { found: 'several'; serialNumbers: string[] }
  | { found: 'not-allowed' };

/** How a stored key is doing, asked with that key itself. */
export interface StoredKeyCheck {
  name: string;
  /** Whether AWS accepts the key at all. */
  working: boolean;
  /** 'Active', 'Inactive', …; null when the key may not read it (or does not work). */
  status: KeyStatus | null;
  lastUsed: { date: string; service: string; region: string } | null;
  /** False when AWS would not say, so a null lastUsed does not mean "never". */
  lastUsedKnown: boolean;
  /** Why the key does not work, in plain words; null when it works. */
  problem: string | null;
  checkedAt: string;
}

/** A key created by Keyward whose secret was never secured: it exists in AWS but is lost. */
export interface LostKey {
  journalId: string;
  userName: string;
  accessKeyId: string | null;
  startedAt: string;
}

export interface Settings {
  region: string;
  endpoint: string | null;
  clipboardSeconds: number;
  staleKeyDays: number;
  /**
   * Ask for Touch ID before a stored key's secret is copied or handed out as the long-term key,
   * where Touch ID is available. Absent means yes: files written before it existed stay as they were.
   */
  askTouchId?: boolean;
  /**
   * "I manage keys for other people": the sidebar shows the Admin section (people's keys, audit,
   * AWS sign-in) even when not signed in. Absent means no: staff never see what they do not use.
   */
  managesOthersKeys?: boolean;
  /**
   * Look in the Downloads folder at start for the IAM console's key downloads and offer to keep
   * them. Absent means yes.
   */
  scanDownloads?: boolean;
  /** Desktop notification kinds turned off. Absent means none: every kind is shown. */
  noticesOff?: NoticeKind[];
  /** Keep running in the tray (menu bar) when the window closes. Absent means no. */
  keepInTray?: boolean;
  /** Start Keyward (window closed) when the person logs in. Absent means no. */
  startAtLogin?: boolean;
  /** Look for, download and offer updates. Absent means yes; IT can overrule it (README). */
  autoUpdates?: boolean;
}

/** How a hand-off file is locked: a passphrase (null: generate one) or colleagues' receiving codes. */
export type HandoffLockRequest =
  { kind: 'passphrase'; passphrase: string | null } | { kind: 'recipients'; codes: string[] };

export interface SavedHandoff {
  path: string;
  /** The generated passphrase, shown once; null when the person typed their own. */
  passphrase: string | null;
}

export interface OpenedHandoffFile {
  token: string;
  fileName: string;
  lock: 'passphrase' | 'recipients';
}

/** What a key file holds, without the secret. */
export interface HandoffKeySummary {
  accessKeyId: string;
  userName: string | null;
  accountId: string | null;
  description: string | null;
  created: string | null;
}

export interface UnlockedHandoff {
  token: string;
  fileName: string;
  keys: HandoffKeySummary[];
}

export interface ClaimedKey {
  profile: StoredProfile;
  /** Who AWS says the key belongs to; null when it was kept without working. */
  verified: { arn: string; accountId: string; userName: string | null } | null;
}

export type PassphraseCheck =
  | { ok: true; estimatedBits: number }
  | { ok: false; estimatedBits: number; message: string; hint: string };

// The AWS CLI set-up and key rotation, as the window and the command line report them.

export interface CliSetupResult {
  profile: string;
  configFile: string;
  /** The config file as it was, or null when there was no file or nothing changed. */
  backupFile: string | null;
  changed: boolean;
}

/** What repairing the AWS command line set-ups of a moved Keyward did, profile by profile. */
export interface CliRepairResult {
  repaired: string[];
  notRepaired: { profile: string; message: string; hint: string }[];
}

export interface CliRemoveResult {
  profile: string;
  configFile: string;
  backupFile: string | null;
  /** False when the config file had nothing of Keyward's for this profile. */
  removed: boolean;
}

export interface RotationResult {
  profile: string;
  userName: string;
  oldKeyId: string;
  newKeyId: string;
  oldKey: { state: 'deleted' } | { state: 'inactive'; deleteAfter: string };
  /** Keys removed first to make room: the last rotation's old key, or the one the person chose. */
  removedKeyIds: string[];
}

export interface RollbackResult {
  profile: string;
  userName: string;
  /** The old key, in use by the profile again. */
  keptKeyId: string;
  deletedKeyIds: string[];
}

/** The steps of a rotation, in order. Each is reported once its effect has happened. */
export const rotationSteps = [
  'delete-retired',
  'remove-other',
  'create',
  'stage',
  'prove',
  'switch',
  'deactivate',
  'delete-old',
  'finish',
] as const;
export type RotationStep = (typeof rotationSteps)[number];

export type RotationStatus =
  | { state: 'none' }
  | {
      state: 'unfinished';
      /** The last step completed ('started' before the first). */
      step: 'started' | RotationStep;
      oldKeyId: string;
      newKeyId: string | null;
      startedAt: string;
    }
  | { state: 'retired'; accessKeyId: string; deleteAfter: string };
