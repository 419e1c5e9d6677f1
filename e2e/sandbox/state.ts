import { SandboxClock } from './clock';
import { newAccessKeyId, newBase32Seed, newSecretAccessKey, newUserId } from './ids';
import type { Permission, SandboxSeed } from './seed';
import { sortTags } from './tags';
import type { Tag } from './tags';

export interface LastUsed {
  date: Date;
  serviceName: string;
  region: string;
}

export interface UserRecord {
  readonly userName: string;
  readonly userId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  permission: Permission;
  /** In insertion order; IAM compares keys case-insensitively. */
  tags: Tag[];
}

export interface AccessKeyRecord {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly userName: string;
  status: 'Active' | 'Inactive';
  readonly createDate: Date;
  lastUsed?: LastUsed;
}

/** Temporary credentials from GetSessionToken; they act as the user who asked for them. */
export interface SessionRecord {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly userName: string;
  expiration: Date;
  readonly mfaAuthenticated: boolean;
}

/** A virtual MFA device (an authenticator app): its TOTP secret, and whose it is. */
export interface MfaDeviceRecord {
  readonly serialNumber: string;
  readonly userName: string;
  /** Base32, as AWS shows it when the device is set up. */
  readonly base32Seed: string;
  readonly enableDate: Date;
}

/** A console password (IAM's "login profile"): only whether it exists and when it was made. */
export interface LoginProfileRecord {
  readonly userName: string;
  readonly createDate: Date;
  readonly passwordResetRequired: boolean;
}

export interface GroupRecord {
  readonly groupName: string;
  readonly groupId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  /** Lower-cased user names. */
  readonly members: Set<string>;
}

export interface CredentialReportRecord {
  readonly generatedTime: Date;
  readonly content: string;
  /** Until then IAM is still making it: INPROGRESS, and GetCredentialReport's ReportInProgress. */
  readonly readyAt?: Date;
}

/**
 * The sandbox's whole world, in memory. Tests may read it freely to check what a request did;
 * users are keyed by lower-cased name because IAM names are unique regardless of case.
 */
export class SandboxState {
  readonly users = new Map<string, UserRecord>();
  readonly accessKeys = new Map<string, AccessKeyRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  /** By serial number. */
  readonly mfaDevices = new Map<string, MfaDeviceRecord>();
  /** Virtual MFA devices taken off their user (DeactivateMFADevice), until deleted. */
  readonly unassignedMfaDevices = new Map<string, Omit<MfaDeviceRecord, 'userName'>>();
  /** By lower-cased user name. */
  readonly loginProfiles = new Map<string, LoginProfileRecord>();
  /** By lower-cased group name. */
  readonly groups = new Map<string, GroupRecord>();
  credentialReport: CredentialReportRecord | undefined;
  /**
   * How long IAM takes to make a credential report (seconds to minutes on a large account);
   * 0 makes it at once. Tests set it to see what a person sees meanwhile.
   */
  credentialReportMakingMs = 0;

  constructor(
    readonly accountId: string,
    readonly accountAlias: string | undefined,
    readonly accountCreateDate: Date,
    /** The account's time: every request, expiry and MFA code reads it. */
    readonly clock: SandboxClock = new SandboxClock(),
  ) {}

  static fromSeed(seed: SandboxSeed, clock: SandboxClock = new SandboxClock()): SandboxState {
    const now = clock.now();
    const dates = seed.users.flatMap((user) => [
      ...(user.createDate === undefined ? [] : [new Date(user.createDate)]),
      ...(user.accessKeys ?? []).map((key) => new Date(key.createDate)),
    ]);
    const accountCreated = new Date(Math.min(now.getTime(), ...dates.map((d) => d.getTime())));
    const state = new SandboxState(seed.accountId, seed.accountAlias, accountCreated, clock);
    for (const user of seed.users) {
      const keyDates = (user.accessKeys ?? []).map((key) => new Date(key.createDate).getTime());
      const record = state.addUser({
        userName: user.userName,
        path: user.path ?? '/',
        permission: user.permission,
        tags: sortTags((user.tags ?? []).map((tag) => ({ ...tag }))),
        // A user without a date is as old as its oldest key, so the seed stays plausible.
        createDate: user.createDate
          ? new Date(user.createDate)
          : new Date(Math.min(now.getTime(), ...keyDates)),
      });
      if (user.loginProfile) {
        state.loginProfiles.set(user.userName.toLowerCase(), {
          userName: user.userName,
          createDate: record.createDate,
          passwordResetRequired: false,
        });
      }
      for (const groupName of user.groups ?? []) {
        const group =
          state.findGroup(groupName) ?? state.addGroup(groupName, '/', record.createDate);
        group.members.add(user.userName.toLowerCase());
      }
      for (const device of user.mfaDevices ?? []) {
        state.addMfaDevice(user.userName, {
          serialNumber: device.serialNumber,
          base32Seed: device.base32Seed,
          enableDate: device.enableDate ? new Date(device.enableDate) : record.createDate,
        });
      }
      for (const key of user.accessKeys ?? []) {
        state.accessKeys.set(key.accessKeyId, {
          accessKeyId: key.accessKeyId,
          secretAccessKey: key.secretAccessKey,
          userName: user.userName,
          status: key.status,
          createDate: new Date(key.createDate),
          ...(key.lastUsed && {
            lastUsed: {
              date: new Date(key.lastUsed.date),
              serviceName: key.lastUsed.serviceName,
              region: key.lastUsed.region,
            },
          }),
        });
      }
    }
    return state;
  }

  userArn(path: string, userName: string): string {
    return `arn:aws:iam::${this.accountId}:user${path}${userName}`;
  }

  findUser(userName: string): UserRecord | undefined {
    return this.users.get(userName.toLowerCase());
  }

  /** ListUsers order: by name, ignoring case. */
  sortedUsers(): UserRecord[] {
    return [...this.users.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, user]) => user);
  }

  /** A user's keys, oldest first (the credential report's access_key_1 is the older one). */
  keysOf(userName: string): AccessKeyRecord[] {
    const owner = userName.toLowerCase();
    return [...this.accessKeys.values()]
      .filter((key) => key.userName.toLowerCase() === owner)
      .sort(oldestFirst);
  }

  /** Every user's keys in one pass, keyed by lower-cased user name; for account-wide reports. */
  keysByUser(): Map<string, AccessKeyRecord[]> {
    const byUser = new Map<string, AccessKeyRecord[]>();
    for (const key of [...this.accessKeys.values()].sort(oldestFirst)) {
      const owner = key.userName.toLowerCase();
      const keys = byUser.get(owner);
      if (keys) keys.push(key);
      else byUser.set(owner, [key]);
    }
    return byUser;
  }

  addUser(input: {
    userName: string;
    path: string;
    permission: Permission;
    tags: Tag[];
    createDate: Date;
  }): UserRecord {
    const user: UserRecord = {
      ...input,
      userId: newUserId(),
      arn: this.userArn(input.path, input.userName),
    };
    this.users.set(input.userName.toLowerCase(), user);
    return user;
  }

  /**
   * Gives a user a virtual MFA device: by default named after them, as the console's setup does,
   * with a fresh secret, enabled now. A serial belongs to one device, as in IAM.
   */
  addMfaDevice(
    userName: string,
    options: { serialNumber?: string; base32Seed?: string; enableDate?: Date } = {},
  ): MfaDeviceRecord {
    const device: MfaDeviceRecord = {
      serialNumber: options.serialNumber ?? `arn:aws:iam::${this.accountId}:mfa/${userName}`,
      userName,
      base32Seed: options.base32Seed ?? newBase32Seed(),
      enableDate: options.enableDate ?? this.clock.now(),
    };
    const taken = this.mfaDevices.get(device.serialNumber);
    if (taken) {
      throw new Error(
        `Sandbox user ${taken.userName} already has an MFA device ${taken.serialNumber}`,
      );
    }
    this.mfaDevices.set(device.serialNumber, device);
    return device;
  }

  /** A user's MFA devices in the order they were added (the seed's order). */
  mfaDevicesOf(userName: string): MfaDeviceRecord[] {
    const owner = userName.toLowerCase();
    return [...this.mfaDevices.values()].filter(
      (device) => device.userName.toLowerCase() === owner,
    );
  }

  /** Whether a user has an MFA device; the credential report's mfa_active. */
  hasMfa(userName: string): boolean {
    return this.mfaDevicesOf(userName).length > 0;
  }

  deleteUser(userName: string): void {
    this.users.delete(userName.toLowerCase());
  }

  findGroup(groupName: string): GroupRecord | undefined {
    return this.groups.get(groupName.toLowerCase());
  }

  addGroup(groupName: string, path: string, createDate: Date): GroupRecord {
    const group: GroupRecord = {
      groupName,
      groupId: newUserId().replace(/^AIDA/, 'AGPA'),
      path,
      arn: `arn:aws:iam::${this.accountId}:group${path}${groupName}`,
      createDate,
      members: new Set(),
    };
    this.groups.set(groupName.toLowerCase(), group);
    return group;
  }

  /** The groups a user is in, by name. */
  groupsOf(userName: string): GroupRecord[] {
    const member = userName.toLowerCase();
    return [...this.groups.values()]
      .filter((group) => group.members.has(member))
      .sort((a, b) => (a.groupName.toLowerCase() < b.groupName.toLowerCase() ? -1 : 1));
  }

  createAccessKey(userName: string, now: Date): AccessKeyRecord {
    const key: AccessKeyRecord = {
      accessKeyId: newAccessKeyId('AKIA'),
      secretAccessKey: newSecretAccessKey(),
      userName,
      status: 'Active',
      createDate: now,
    };
    this.accessKeys.set(key.accessKeyId, key);
    return key;
  }
}

function oldestFirst(a: AccessKeyRecord, b: AccessKeyRecord): number {
  return (
    a.createDate.getTime() - b.createDate.getTime() || (a.accessKeyId < b.accessKeyId ? -1 : 1)
  );
}
