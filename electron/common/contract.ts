import type { ActivityEntry } from './activity';
import type { AuditProgress, AuditResult } from './audit';
import type { BatchProgress, BatchResult } from './batch';
import { maxBatchPeople } from './batch';
import type { AuditFixPlan, AuditFixProgress, AuditFixResult } from './audit-fix';
import { auditFixKinds, maxFixDays } from './audit-fix';
import type {
  About,
  AccessKeySummary,
  ClaimedKey,
  CliRemoveResult,
  CliRepairResult,
  CliSetupResult,
  RollbackResult,
  RotationResult,
  RotationStatus,
  OpenedHandoffFile,
  PassphraseCheck,
  SavedHandoff,
  UnlockedHandoff,
  Identity,
  LostKey,
  MfaDeviceLookup,
  NewKey,
  PendingKeyState,
  Permissions,
  Settings,
  SignInChoices,
  StoredKeyCheck,
  StoredProfile,
  DamagedEntry,
  UserPage,
  VaultStatus,
} from './domain';
import { maxSessionSeconds, mfaSerialPattern, minSessionSeconds } from './credential-use';
import type { MyReceivingCode, PublishedCode } from './code-directory';
import type { ConsoleCsvKept, ConsoleCsvOffer, ReceivedFile } from './console-csv';
import { offboardExtras, type OffboardPreview, type OffboardResult } from './offboard';
import type { PeopleChanges } from './people';
import type { PlaintextImportResult, PlaintextProfile } from './plaintext-import';
import { z } from 'zod';
import { noticeKinds, type UpdateState } from './desktop';
import {
  accessKeyIdSchema,
  boundedString,
  descriptionSchema,
  handleSchema,
  noInput,
  profileNameSchema,
  signInSourceSchema,
  userNameSchema,
} from './schema';

declare const outputType: unique symbol;
/** Carries a method's output type in the contract without a runtime value. */
export interface Returns<T> {
  readonly [outputType]?: T;
}
const returns = <T>(): Returns<T> => ({});

/** Which key of whose: the fields every call about one access key starts with. */
const oneKey = { userName: userNameSchema, accessKeyId: accessKeyIdSchema };
/**
 * The signed-in AWS account a key is in, for the audit of several accounts: the key is acted on
 * in that account, with its own sign-in. The current account when absent.
 */
const inAccount = {
  accountId: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
};

export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: Returns<unknown>;
}

/** Which history entries: a key (name or ID), a person (IAM user), a time range (ISO 8601). */
const activityFilterSchema = z.strictObject({
  key: z.string().max(128).optional(),
  person: z.string().max(64).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
});

/**
 * Every method the renderer may call, once. The map is also the allowlist: the preload exposes
 * exactly these names, and main registers exactly one handler for each.
 */
/** How a key file is locked: a passphrase (null: generate one) or up to `maxCodes` receiving codes. */
function keyFileLock(maxCodes: number) {
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('passphrase'), passphrase: boundedString(1024).nullable() }),
    z.strictObject({
      kind: z.literal('recipients'),
      codes: z.array(boundedString(256)).min(1).max(maxCodes),
    }),
  ]);
}

export const contract = {
  'app.about': { input: noInput, output: returns<About>() },
  'vault.status': { input: noInput, output: returns<VaultStatus>() },
  'links.open': {
    input: z.strictObject({ url: boundedString(2048) }),
    output: returns<null>(),
  },

  'auth.choices': { input: noInput, output: returns<SignInChoices>() },
  'auth.signIn': {
    input: z.strictObject({
      source: signInSourceSchema,
      mfaCode: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
    }),
    output: returns<Identity>(),
  },
  /** Signs out of the current account; answers the account now current (another one), if any. */
  'auth.signOut': { input: noInput, output: returns<Identity | null>() },
  'auth.whoami': { input: noInput, output: returns<Identity | null>() },
  /** Every AWS account signed in to, the current one first. */
  'auth.accounts': { input: noInput, output: returns<Identity[]>() },
  /** Makes another signed-in account current, without signing out of any. */
  'auth.switchAccount': {
    input: z.strictObject({ accountId: z.string().regex(/^\d{12}$/) }),
    output: returns<Identity>(),
  },
  'auth.permissions': { input: noInput, output: returns<Permissions>() },

  'users.list': {
    input: z.strictObject({
      cursor: boundedString(2048).nullable(),
      filter: boundedString(128),
      pageSize: z.number().int().min(1).max(1000),
    }),
    output: returns<UserPage>(),
  },
  /** What offboarding a person would act on: keys, console password, MFA devices, groups. */
  'users.offboardPreview': {
    input: z.strictObject({ userName: userNameSchema }),
    output: returns<OffboardPreview>(),
  },
  /**
   * Deactivates or deletes every key of a person who leaves, then what `also` names (deleting
   * the user takes everything with it); says what happened to each.
   */
  'users.offboard': {
    input: z.strictObject({
      userName: userNameSchema,
      mode: z.enum(['deactivate', 'delete']),
      /** Required to include the key Keyward is signed in with (it locks Keyward out). */
      confirmLockOut: z.boolean().optional(),
      also: z.array(z.enum(offboardExtras)).max(offboardExtras.length).optional(),
    }),
    output: returns<OffboardResult>(),
  },

  /**
   * The People table: starts reading everyone again and answers with the first page at once
   * (names; columns still loading). The window then polls `people.changes`.
   */
  'people.open': { input: noInput, output: returns<PeopleChanges>() },
  /** Rows added or filled since `since`; null when table `run` is no longer being read. */
  'people.changes': {
    input: z.strictObject({
      run: z.number().int().min(1),
      since: z.number().int().min(0),
    }),
    output: returns<PeopleChanges | null>(),
  },

  'keys.list': {
    input: z.strictObject({ userName: userNameSchema, ...inAccount }),
    output: returns<AccessKeySummary[]>(),
  },
  'keys.setStatus': {
    input: z.strictObject({
      ...oneKey,
      ...inAccount,
      status: z.enum(['Active', 'Inactive']),
      /** Required to deactivate the key Keyward is signed in with (it locks Keyward out). */
      confirmInUse: z.boolean().optional(),
    }),
    output: returns<null>(),
  },
  'keys.delete': {
    input: z.strictObject({
      ...oneKey,
      ...inAccount,
      /** Required to delete the signed-in key or an active key used in the last 7 days. */
      confirmInUse: z.boolean().optional(),
    }),
    output: returns<null>(),
  },
  'keys.describe': {
    input: z.strictObject({
      ...oneKey,
      description: descriptionSchema,
    }),
    output: returns<null>(),
  },
  'keys.create': {
    input: z.strictObject({ userName: userNameSchema, description: descriptionSchema.optional() }),
    output: returns<NewKey>(),
  },
  /** The only method whose answer contains a secret, on an explicit "Show secret". */
  'keys.reveal': {
    input: z.strictObject({ handle: handleSchema }),
    output: returns<{ secretAccessKey: string }>(),
  },
  'keys.copySecret': {
    input: z.strictObject({ handle: handleSchema }),
    output: returns<{ clearsInSeconds: number }>(),
  },
  'keys.storeInKeychain': {
    input: z.strictObject({ handle: handleSchema, profileName: profileNameSchema }),
    output: returns<StoredProfile>(),
  },
  /** A new key just kept, given another name before the person finishes ("Rename"). */
  'keys.renameKept': {
    input: z.strictObject({ handle: handleSchema, from: profileNameSchema, to: profileNameSchema }),
    output: returns<StoredProfile>(),
  },
  'keys.finish': {
    input: z.strictObject({ handle: handleSchema, discard: z.boolean().optional() }),
    output: returns<null>(),
  },
  'keys.pending': { input: noInput, output: returns<PendingKeyState[]>() },

  'lost.list': { input: noInput, output: returns<LostKey[]>() },
  'lost.resolve': {
    input: z.strictObject({
      journalId: z.uuid(),
      action: z.enum(['delete', 'deactivate', 'dismiss']),
    }),
    output: returns<null>(),
  },

  /** The activity log's last entries (those the filter matches), the newest last. */
  'activity.list': {
    input: activityFilterSchema.extend({ limit: z.number().int().min(1).max(1000).optional() }),
    output: returns<ActivityEntry[]>(),
  },
  /** Main asks where to save and writes every entry the filter matches as CSV; null: cancelled. */
  'activity.export': { input: activityFilterSchema, output: returns<{ path: string } | null>() },

  'profiles.list': { input: noInput, output: returns<StoredProfile[]>() },
  /** Keychain entries under a key name that cannot be read (name and what is wrong); `remove` takes them. */
  'profiles.damaged': { input: noInput, output: returns<DamagedEntry[]>() },
  /** Copies a stored key's secret; main clears the clipboard after the set time. */
  'profiles.copySecret': {
    input: z.strictObject({ name: profileNameSchema }),
    output: returns<{ clearsInSeconds: number }>(),
  },
  /** The MFA device of the key's own user, looked up with the key (iam:ListMFADevices). */
  'profiles.mfaDevice': {
    input: z.strictObject({ name: profileNameSchema }),
    output: returns<MfaDeviceLookup>(),
  },
  /** Asks AWS, with the stored key itself, whether it works, its status and last use. */
  'profiles.check': {
    input: z.strictObject({ name: profileNameSchema }),
    output: returns<StoredKeyCheck>(),
  },
  'profiles.remove': {
    input: z.strictObject({ name: profileNameSchema }),
    output: returns<null>(),
  },
  /**
   * Seals a kept key in a key file for another computer of its owner (to its receiving code, or
   * with a passphrase, generated when null and returned once); null when the save was cancelled.
   */
  'profiles.send': {
    input: z.strictObject({
      name: profileNameSchema,
      lock: keyFileLock(1),
    }),
    output: returns<SavedHandoff | null>(),
  },
  /** Profiles of the AWS files holding a key in plain text, without secrets (and why one cannot move). */
  'profiles.importable': { input: noInput, output: returns<PlaintextProfile[]>() },
  /**
   * Moves a profile's plaintext key into the keychain under the same name, points the profile at
   * Keyward and removes the plaintext lines (the command line's `profiles import`).
   */
  'profiles.importPlaintext': {
    input: z.strictObject({ profile: profileNameSchema }),
    output: returns<PlaintextImportResult>(),
  },

  'identity.receivingCode': { input: noInput, output: returns<{ code: string }>() },
  /** This computer's receiving code, its check words, and whether the person's IAM user holds it. */
  'directory.mine': { input: noInput, output: returns<MyReceivingCode>() },
  /** Puts this computer's receiving code on the signed-in person's own IAM user (a tag). */
  'directory.publish': {
    input: noInput,
    output: returns<{ code: string; fingerprint: string[] }>(),
  },
  'directory.unpublish': { input: noInput, output: returns<null>() },
  /** The receiving code a colleague published, checked; null when none. */
  'directory.lookup': {
    input: z.strictObject({ userName: userNameSchema }),
    output: returns<PublishedCode | null>(),
  },
  /**
   * The check words of a receiving code the admin pasted, for the colleague to read theirs back
   * (a code changed on its way by email or chat shows other words).
   */
  'directory.checkWords': {
    // Bech32's alphabet: age's recipient shape; anything else has no words.
    input: z.strictObject({
      code: z.string().regex(/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/),
    }),
    output: returns<string[]>(),
  },
  /** A key was sealed to `code` for `userName`: a later look-up says when their code changed. */
  'directory.remember': {
    input: z.strictObject({ userName: userNameSchema, code: boundedString(100) }),
    output: returns<null>(),
  },
  'handoff.checkPassphrase': {
    input: z.strictObject({ passphrase: boundedString(1024) }),
    output: returns<PassphraseCheck>(),
  },
  'handoff.save': {
    input: z.strictObject({
      handle: handleSchema,
      lock: keyFileLock(10),
    }),
    output: returns<SavedHandoff | null>(),
  },
  'handoff.open': {
    input: z.strictObject({
      source: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('dialog') }),
        z.strictObject({ kind: z.literal('launch') }),
        z.strictObject({
          kind: z.literal('bytes'),
          name: boundedString(255),
          // 64 KiB of file, base64-encoded.
          base64: z.base64().max(87_384),
        }),
      ]),
    }),
    output: returns<OpenedHandoffFile | null>(),
  },
  'handoff.unlock': {
    input: z.strictObject({ token: handleSchema, passphrase: boundedString(1024).nullable() }),
    output: returns<UnlockedHandoff>(),
  },
  'handoff.claim': {
    input: z.strictObject({
      token: handleSchema,
      index: z.number().int().min(0).max(9),
      profileName: profileNameSchema,
      storeEvenIfNotWorking: z.boolean().optional(),
      /** Keep a key AWS says belongs to another account than its file says (`key-other-account`). */
      keepEvenIfOtherAccount: z.boolean().optional(),
    }),
    output: returns<ClaimedKey>(),
  },
  'handoff.forget': { input: z.strictObject({ token: handleSchema }), output: returns<null>() },

  /**
   * Receive's file: a key file or the IAM console's plaintext download, told apart by content.
   * `offered`: one of the downloads `consoleCsv.offers` found. The secret never comes back.
   */
  'receive.open': {
    input: z.strictObject({
      source: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('dialog') }),
        z.strictObject({
          kind: z.literal('bytes'),
          name: boundedString(255),
          // 64 KiB of file, base64-encoded.
          base64: z.base64().max(87_384),
        }),
        z.strictObject({ kind: z.literal('offered'), id: handleSchema }),
      ]),
    }),
    output: returns<ReceivedFile | null>(),
  },
  /** Console downloads in the Downloads folder: names and folders only. */
  'consoleCsv.offers': { input: noInput, output: returns<ConsoleCsvOffer[]>() },
  'consoleCsv.keep': {
    input: z.strictObject({ token: handleSchema, profileName: profileNameSchema }),
    output: returns<ConsoleCsvKept>(),
  },
  /** Zeroes and removes the plaintext download of a key just kept. */
  'consoleCsv.deleteOriginal': {
    input: z.strictObject({ token: handleSchema }),
    output: returns<{ file: string }>(),
  },
  'consoleCsv.forget': { input: z.strictObject({ token: handleSchema }), output: returns<null>() },

  /** Makes `aws --profile NAME` use this stored key through credential_process: no plaintext file. */
  'cli.setup': {
    input: z.strictObject({
      profile: profileNameSchema,
      region: boundedString(32).nullable(),
      /** How the key is handed out (absent: sessions, as `keyward cli setup`). */
      mode: z.enum(['session', 'long-term']).optional(),
      durationSeconds: z.number().int().min(minSessionSeconds).max(maxSessionSeconds).optional(),
      /** The device each session asks a code from; null for none; absent: look it up. */
      mfaSerial: z.string().max(600).regex(mfaSerialPattern).nullable().optional(),
    }),
    output: returns<CliSetupResult>(),
  },
  /** Forgets a stored key's cached STS sessions; the next AWS command starts a new one. */
  'sessions.clear': {
    input: z.strictObject({ profile: profileNameSchema }),
    output: returns<{ cleared: boolean }>(),
  },
  /** Whether the AWS config already points this profile at Keyward ('keyward'), at something else, or has none. */
  'cli.status': {
    input: z.strictObject({ profile: profileNameSchema }),
    output: returns<{ state: 'keyward' | 'other' | 'absent' }>(),
  },
  'cli.remove': {
    input: z.strictObject({ profile: profileNameSchema }),
    output: returns<CliRemoveResult>(),
  },
  /** Profiles whose Keyward credential_process names a program that is no longer there. */
  'cli.staleProfiles': { input: noInput, output: returns<string[]>() },
  /** Points those profiles at this Keyward again, each on its own. */
  'cli.repair': { input: noInput, output: returns<CliRepairResult>() },
  'keys.rotate': {
    input: z.strictObject({
      profile: profileNameSchema,
      graceDays: z.number().int().min(0).max(365),
      removeOtherKey: z.boolean(),
    }),
    output: returns<RotationResult>(),
  },
  'keys.rotateResume': {
    input: z.strictObject({ profile: profileNameSchema }),
    output: returns<RotationResult>(),
  },
  'keys.rotateRollback': {
    input: z.strictObject({ profile: profileNameSchema }),
    output: returns<RollbackResult>(),
  },
  'keys.rotationStatus': {
    input: z.strictObject({ profile: profileNameSchema }),
    output: returns<RotationStatus>(),
  },

  /** Creates a key for each person, sealed into `<user>.keyward` in the chosen folder. */
  'batch.run': {
    input: z.strictObject({
      people: z
        .array(
          z.strictObject({
            userName: userNameSchema,
            lock: z.discriminatedUnion('kind', [
              z.strictObject({ kind: z.literal('code'), code: boundedString(256) }),
              z.strictObject({ kind: z.literal('published') }),
              z.strictObject({ kind: z.literal('passphrase') }),
            ]),
            description: descriptionSchema.nullable(),
          }),
        )
        .min(1)
        .max(maxBatchPeople),
      outDir: boundedString(4096),
    }),
    output: returns<BatchResult>(),
  },
  /** Null when no batch is running. */
  'batch.progress': { input: noInput, output: returns<BatchProgress | null>() },
  /** Main's folder chooser; null when the person cancelled. */
  'batch.chooseFolder': { input: noInput, output: returns<{ path: string } | null>() },
  /** Shows the last batch's key files in the file manager (only those: no path from the page). */
  'batch.showInFolder': { input: noInput, output: returns<null>() },

  'audit.run': {
    input: z.strictObject({
      source: z.enum(['auto', 'credential-report', 'per-user']).optional(),
      /** 'all': every signed-in account; the current one only when absent. */
      accounts: z.enum(['current', 'all']).optional(),
    }),
    output: returns<AuditResult>(),
  },
  'audit.progress': { input: noInput, output: returns<AuditProgress | null>() },
  'audit.cancel': { input: noInput, output: returns<null>() },
  'audit.last': { input: noInput, output: returns<AuditResult | null>() },
  /** Main exports the result it holds: audit rows never travel back from the renderer. */
  'audit.export': { input: noInput, output: returns<{ path: string } | null>() },
  /**
   * A key was changed from its audit row (keys.setStatus / keys.delete): main's result shows it,
   * flags and summary worked out again, and answers with it (no new audit).
   */
  'audit.keyChanged': {
    input: z.strictObject({
      ...oneKey,
      slot: z.union([z.literal(1), z.literal(2)]),
      change: z.enum(['activated', 'deactivated', 'deleted']),
      ...inAccount,
    }),
    output: returns<AuditResult | null>(),
  },
  /**
   * A person's keys changed, or the person was deleted, outside the audit (People's keys): main
   * reads their row again; answers the audit as it is now (null when there is none).
   */
  'audit.personChanged': {
    input: z.strictObject({ userName: userNameSchema, ...inAccount }),
    output: returns<AuditResult | null>(),
  },
  /** Which keys a bulk fix would change, from the last audit; main keeps the plan. */
  'audit.fixPreview': {
    input: z.strictObject({
      kind: z.enum(auditFixKinds),
      days: z.number().int().min(0).max(maxFixDays),
    }),
    output: returns<AuditFixPlan>(),
  },
  /** Carries out the preview `planId` once `confirmation` is what it asked to type. */
  'audit.fixApply': {
    input: z.strictObject({ planId: z.uuid(), confirmation: z.string().max(20) }),
    output: returns<AuditFixResult>(),
  },
  'audit.fixProgress': { input: noInput, output: returns<AuditFixProgress | null>() },
  'audit.fixCancel': { input: noInput, output: returns<null>() },
  /** Saves what the last fix changed as CSV, where the person chooses. */
  'audit.fixExport': { input: noInput, output: returns<{ path: string } | null>() },

  /**
   * For text that is not secret (key ids, receiving codes, a request for the admin): the page may
   * not use the clipboard.
   */
  'clipboard.copyText': {
    input: z.strictObject({ text: boundedString(2000) }),
    output: returns<null>(),
  },

  /** For secret-like text shown on screen (a generated passphrase): cleared like a key's secret. */
  'clipboard.copySensitive': {
    input: z.strictObject({ text: boundedString(512) }),
    output: returns<{ clearsInSeconds: number }>(),
  },

  'settings.get': { input: noInput, output: returns<Settings>() },
  'settings.update': {
    input: z.strictObject({
      region: boundedString(32).optional(),
      endpoint: boundedString(2048).nullable().optional(),
      clipboardSeconds: z.number().int().min(5).max(600).optional(),
      staleKeyDays: z.number().int().min(1).max(3650).optional(),
      askTouchId: z.boolean().optional(),
      managesOthersKeys: z.boolean().optional(),
      scanDownloads: z.boolean().optional(),
      noticesOff: z.array(z.enum(noticeKinds)).max(noticeKinds.length).optional(),
      keepInTray: z.boolean().optional(),
      startAtLogin: z.boolean().optional(),
      autoUpdates: z.boolean().optional(),
    }),
    output: returns<Settings>(),
  },

  /** Whether Keyward can update itself, and whether a checked update waits for a restart. */
  'updates.state': { input: noInput, output: returns<UpdateState>() },
  /** Restarts into the downloaded update; refused while a secret is unsaved or a key is replaced. */
  'updates.restart': { input: noInput, output: returns<null>() },
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.infer<Contract[M]['input']>;
export type OutputOf<M extends MethodName> =
  Contract[M]['output'] extends Returns<infer O> ? O : never;

export const methodNames = Object.keys(contract) as MethodName[];

export const isMethodName = (name: string): name is MethodName =>
  Object.prototype.hasOwnProperty.call(contract, name);

/** One IPC channel per method; the preload and main derive it the same way. */
export const channelFor = (method: MethodName): string => `keyward:${method}`;

/**
 * What main may tell the page without being asked: a name only, never data. The page answers by
 * calling the contract (e.g. a file opened while Keyward runs → `handoff.open` with `launch`).
 */
/**
 * What main tells the page without being asked: a key file the OS opened, a notification clicked
 * (open My keys or History), an update downloaded and checked.
 */
export const noticeNames = [
  'handoff.fileOpened',
  'open.myKeys',
  'open.history',
  'updates.ready',
] as const;
export type NoticeName = (typeof noticeNames)[number];
export const noticeChannel = 'keyward:notice';
export const isNoticeName = (name: unknown): name is NoticeName =>
  typeof name === 'string' && (noticeNames as readonly string[]).includes(name);
