import { ActivityLog } from './activity/activity-log';
import { AccountKeys } from './audit/account-keys';
import { AuditFixes } from './audit/audit-fix-service';
import { AuditService } from './audit/audit-service';
import { AwsSession } from './aws/aws-session';
import { BatchJournal } from './batch/batch-journal';
import { BatchService } from './batch/batch-service';
import { SecretClipboard } from './clipboard/secret-clipboard';
import { ConsoleCsvDesk } from './console-csv/console-csv-desk';
import { CodeDirectory } from './directory/code-directory';
import { HandoffDesk } from './handoff/handoff-desk';
import { KeyAdmin } from './keys/key-admin';
import { PeopleTable } from './people/people-table';
import type { Platform } from './platform';
import { KeyRotation } from './rotation/key-rotation';
import type { RotationSession } from './rotation/rotation-run';
import { RotationStates } from './rotation/rotation-state';
import { SpareKeys } from './rotation/spare-keys';
import { Journal } from './secrets/journal';
import { LostKeys } from './secrets/lost-keys';
import { NewKeys } from './secrets/new-keys';
import { PendingSecrets } from './secrets/pending-secrets';
import { placeFrom, SettingsFile } from './settings';
import { CredentialService } from './sessions/credential-service';
import { SessionCache } from './sessions/session-cache';
import { DeviceKeys } from './vault/device-keys';
import { ProfileStore } from './vault/profile-store';
import type { SecretStore } from './vault/secret-store';

export interface CoreOptions {
  /** A key file the OS opened Keyward with, for the hand-off desk to offer. */
  launchFile?: string | null;
  /** How long a brand-new key may take to work everywhere (AWS: seconds; the sandbox: none). */
  newKeyPatienceMs?: number;
}

/** Keyward's services, each with one job; the window's handlers and the CLI stand on these. */
export interface Core {
  readonly session: AwsSession;
  readonly keyAdmin: KeyAdmin;
  /** Key administration in any signed-in account (an audit of several acts on each key there). */
  readonly accountKeys: AccountKeys;
  readonly newKeys: NewKeys;
  readonly lostKeys: LostKeys;
  readonly deviceKeys: DeviceKeys;
  readonly clipboard: SecretClipboard;
  readonly handoff: HandoffDesk;
  /** The IAM console's plaintext key download: checked, kept, and deleted when asked. */
  readonly consoleCsv: ConsoleCsvDesk;
  readonly audit: AuditService;
  /** The People table: everyone, with their keys' columns filled in the background. */
  readonly people: PeopleTable;
  /** Bulk fixes from the last audit: preview, then carry out with a typed confirmation. */
  readonly auditFix: AuditFixes;
  readonly rotation: KeyRotation;
  readonly settings: SettingsFile;
  readonly activity: ActivityLog;
  /** Stored keys handed to the AWS CLI, SDKs and `keyward exec`: STS sessions or the key itself. */
  readonly credentials: CredentialService;
  /** Receiving codes published on people's own IAM users (the `keyward:receiving-code` tag). */
  readonly directory: CodeDirectory;
  /** Keys for a list of people at once, each sealed into its own key file in one folder. */
  readonly batch: BatchService;
  /** Quitting: clears a secret still on the clipboard and signs out. */
  shutdown(): Promise<void>;
}

/** The signed-in part of Keyward for one AWS session: its keys, new secrets and lost keys. */
interface SessionServices {
  session: AwsSession;
  keyAdmin: KeyAdmin;
  accountKeys: AccountKeys;
  newKeys: NewKeys;
  lostKeys: LostKeys;
}

/**
 * The one place Keyward is wired. Main, the command line, the e2e devices, the demo, the bench
 * and test fixtures all build Keyward here, so every rule (journal, confirmations, permissions
 * learned, the three rules for removing a kept key) applies to each of them alike.
 */
export function createCore(
  platform: Platform,
  secretStore: SecretStore,
  options: CoreOptions = {},
): Core {
  const dataDir = platform.dataDir();
  const profiles = new ProfileStore(secretStore, { dataDir });
  const settings = new SettingsFile(dataDir);
  const journal = new Journal(dataDir);
  // Key names find their entries through the keys kept now; exports ask where to save.
  const activity = new ActivityLog(dataDir, { platform, keptKeys: () => profiles.list() });
  const rotations = new RotationStates(dataDir);
  const place = placeFrom(settings);
  const clipboard = new SecretClipboard({ platform, settings });
  const sessions = new SessionCache(secretStore);
  const credentials = new CredentialService({ profiles, sessions, place, dataDir });
  // A rotated or removed key's sessions go with it; so do those of a key stopped in AWS.
  profiles.onKeyChanged(async (name) => {
    await sessions.clear(name);
  });
  const keyStopped = async (accessKeyId: string) => {
    for (const kept of await profiles.list()) {
      if (kept.accessKeyId === accessKeyId) await sessions.clear(kept.name);
    }
  };

  const sessionServices = (pending: PendingSecrets): SessionServices => {
    const session = new AwsSession({ profiles, place });
    // Built in this order, lost keys and key administration need each other: a deleted key
    // closes its lost-key reminder, and resolving a reminder deletes or deactivates a key.
    const lostKeys: LostKeys = new LostKeys({ journal, pending, keyAdmin: () => keyAdmin });
    const keyAdminDeps = {
      activity,
      onKeyDeleted: (accessKeyId: string) => lostKeys.keyDeleted(accessKeyId),
      onKeyStopped: keyStopped,
    };
    const keyAdmin = new KeyAdmin({ session, ...keyAdminDeps });
    const accountKeys = new AccountKeys({ session, current: keyAdmin, ...keyAdminDeps });
    const newKeys = new NewKeys({ session, journal, pending, activity, profiles, clipboard });
    return { session, keyAdmin, accountKeys, newKeys, lostKeys };
  };

  const window = sessionServices(new PendingSecrets());
  // A new endpoint or region reaches the signed-in session at once, for every request.
  settings.onChange((next) => {
    window.session.follow(next);
  });

  const audit = new AuditService({
    signedIn: () => window.session.signedIn(),
    allSignedIn: () => window.session.allSignedIn(),
    settings,
    dataDir,
    platform,
  });
  const auditFix = new AuditFixes({
    session: window.session,
    keyAdmin: window.keyAdmin,
    accounts: window.accountKeys,
    audit,
    platform,
  });
  const people = new PeopleTable({
    signedIn: () => window.session.signedIn(),
    listUsers: (options) => window.keyAdmin.listUsers(options),
    settings,
    dataDir,
  });
  window.session.onSignOut((ending, next, wasCurrent) => {
    // What the window listed describes the current account's sign-in, and must not outlive it.
    // Another account's sign-in renewed (its key replaced) changes none of it; signed out of, it
    // takes with it an audit that covered that account (its rows could no longer be acted on).
    if (wasCurrent || (next === null && audit.covers(ending.accountId))) {
      audit.clear();
      auditFix.clear();
    }
    if (wasCurrent) people.clear();
    // New secrets belong to the identity that made them (the same one signing in again, with a
    // rotated key say, keeps them).
    if (next?.arn !== ending.arn) void window.newKeys.dropHeldBy(ending.arn);
  });
  // An audit of the account that was current goes; one of every account stays.
  window.session.onSwitch(() => {
    audit.accountSwitched();
  });

  // A rotation's new key whose keychain write failed stays held for the next run in this process.
  const rotationPending = new PendingSecrets();
  const rotation = new KeyRotation({
    profiles,
    states: rotations,
    spares: new SpareKeys(secretStore),
    activity,
    place,
    openSession: (): RotationSession => {
      const own = sessionServices(rotationPending);
      return {
        ...own,
        close: () => {
          own.session.signOut();
        },
      };
    },
    windowSession: window.session,
    provePatienceMs: options.newKeyPatienceMs ?? 30_000,
  });

  const handoff = new HandoffDesk(
    {
      platform,
      secretStore,
      profiles,
      newKeys: window.newKeys,
      session: window.session,
      activity,
      settings,
    },
    {
      launchFile: options.launchFile ?? null,
      ...(options.newKeyPatienceMs !== undefined
        ? { verifyPatienceMs: options.newKeyPatienceMs }
        : {}),
    },
  );

  const consoleCsv = new ConsoleCsvDesk(
    { platform, profiles, activity, settings },
    options.newKeyPatienceMs !== undefined ? { verifyPatienceMs: options.newKeyPatienceMs } : {},
  );

  const directory = new CodeDirectory({
    session: window.session,
    receivingCode: () => handoff.receivingCode(),
    activity,
    dataDir,
  });

  const batch = new BatchService({
    newKeys: window.newKeys,
    actor: () => window.session.actor(),
    activity,
    journal: new BatchJournal(dataDir),
    directory: () => directory,
    account: () => window.session.whoami()?.accountId ?? null,
  });

  const deviceKeys = new DeviceKeys({
    profiles,
    rotations,
    activity,
    clipboard,
    settings,
    place,
    presence: platform,
    dialogs: platform,
  });

  return {
    ...window,
    deviceKeys,
    clipboard,
    handoff,
    consoleCsv,
    audit,
    auditFix,
    people,
    rotation,
    settings,
    activity,
    credentials,
    directory,
    batch,
    async shutdown() {
      await clipboard.clearNow();
      window.session.signOutAll();
    },
  };
}
