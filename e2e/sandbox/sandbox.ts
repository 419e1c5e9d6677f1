import { SandboxClock } from './clock';
import { Faults, Stats, type FailureMode, type RateLimit } from './faults';
import { defaultSeed } from './generate-seed';
import { parseSeed, SeedError, type Permission, type SandboxSeed } from './seed';
import { listen } from './server';
import { SandboxState, type MfaDeviceRecord } from './state';
import { totpCode } from './totp';

export interface SandboxOptions {
  /** The account to serve; validated. Defaults to `defaultSeed()`. */
  seed?: SandboxSeed;
  /** Loopback port; 0 (the default) picks a free one. */
  port?: number;
  latencyMs?: number;
  rateLimit?: RateLimit;
  /**
   * More AWS accounts behind the same endpoint (an admin looking after several): a request goes
   * to the account its signing key belongs to, as in AWS. They share the first account's clock.
   */
  otherAccounts?: SandboxSeed[];
}

/** One more account served by the same sandbox. */
export interface SandboxAccount {
  readonly accountId: string;
  readonly state: SandboxState;
  /** The first active key (oldest first) a user of this account has now. */
  credentialsFor(userName: string): SandboxCredentials;
}

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SandboxFaults {
  setLatency(ms: number): void;
  setRateLimit(limit: RateLimit | undefined): void;
  /**
   * Makes the nth upcoming request of `action` (1 = next) fail: 'error' answers ServiceFailure
   * (500) without acting; 'drop-after-commit' acts, then closes the connection unanswered.
   */
  failNth(action: string, n: number, mode: FailureMode): void;
  clear(): void;
}

export interface SandboxStats {
  /** Requests received naming `action` (or any action), throttled and failed ones included. */
  calls(action?: string): number;
  throttled(): number;
  reset(): void;
}

/** A virtual MFA device, and the authenticator app that shows its codes. */
export interface SandboxMfaDevice {
  readonly serialNumber: string;
  readonly base32Seed: string;
  /** The code the app shows at `at`: the sandbox clock's now by default. */
  code(at?: Date): string;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:54321 — one endpoint for IAM and STS. */
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  /** The first seeded admin user and its first active key. */
  readonly admin: { userName: string } & SandboxCredentials;
  /** The first active key (oldest first) a user has now. */
  credentialsFor(userName: string): SandboxCredentials;
  /** A user's first MFA device (seed order), or the one with this serial number. */
  mfaDeviceOf(userName: string, serialNumber?: string): SandboxMfaDevice;
  /**
   * Gives a user a virtual MFA device: `arn:aws:iam::ACCOUNT:mfa/USERNAME` and a fresh secret
   * unless told otherwise, enabled now.
   */
  addMfaDevice(
    userName: string,
    options?: { serialNumber?: string; base32Seed?: string },
  ): SandboxMfaDevice;
  /** Changes a user's permission level (`self-mfa`, …); IAM's API cannot, as in the seed. */
  setPermission(userName: string, permission: Permission): void;
  /**
   * The account's time. `advance(ms)` moves it forward: sessions expire, MFA codes change and
   * credential reports age as if that time had passed. Signatures are still checked against the
   * real clock, so clients need no adjusting.
   */
  readonly clock: Pick<SandboxClock, 'now' | 'advance'>;
  readonly faults: SandboxFaults;
  readonly stats: SandboxStats;
  /** The live in-memory model; tests read it to see what requests did. */
  readonly state: SandboxState;
  /** The accounts given as `otherAccounts`, in that order. */
  readonly otherAccounts: readonly SandboxAccount[];
  close(): Promise<void>;
}

export const SANDBOX_REGION = 'us-east-1';

/** Starts a local IAM + STS endpoint on 127.0.0.1 that the AWS SDK and CLI accept as AWS. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = parseSeed(options.seed ?? defaultSeed());
  const clock = new SandboxClock();
  const state = SandboxState.fromSeed(seed, clock);
  const others = (options.otherAccounts ?? []).map((other) =>
    SandboxState.fromSeed(parseSeed(other), clock),
  );
  for (const other of others) {
    if (
      other.accountId === state.accountId ||
      others.filter((o) => o.accountId === other.accountId).length > 1
    ) {
      throw new SeedError(`Invalid sandbox seed: account ${other.accountId} is given twice`);
    }
  }
  const faults = new Faults();
  if (options.latencyMs !== undefined) faults.setLatency(options.latencyMs);
  faults.setRateLimit(options.rateLimit);
  const stats = new Stats();

  const userNamed = (userName: string, account = state) => {
    const user = account.findUser(userName);
    if (!user) throw new Error(`The sandbox has no user named ${userName}`);
    return user;
  };

  const credentialsIn =
    (account: SandboxState) =>
    (userName: string): SandboxCredentials => {
      const user = userNamed(userName, account);
      const key = account.keysOf(user.userName).find((candidate) => candidate.status === 'Active');
      if (!key) throw new Error(`Sandbox user ${user.userName} has no active access key`);
      return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    };
  const credentialsFor = credentialsIn(state);

  const authenticator = (device: MfaDeviceRecord): SandboxMfaDevice => ({
    serialNumber: device.serialNumber,
    base32Seed: device.base32Seed,
    code: (at = clock.now()) => totpCode(device.base32Seed, at),
  });

  const mfaDeviceOf = (userName: string, serialNumber?: string) => {
    const device = state
      .mfaDevicesOf(userName)
      .find((candidate) => serialNumber === undefined || candidate.serialNumber === serialNumber);
    if (!device) {
      throw new Error(
        `Sandbox user ${userName} has no MFA device${serialNumber === undefined ? '' : ` ${serialNumber}`}`,
      );
    }
    return authenticator(device);
  };

  const adminName = seed.users.find(
    (user) =>
      user.permission === 'admin' && user.accessKeys?.some((key) => key.status === 'Active'),
  )?.userName;
  if (adminName === undefined) {
    throw new SeedError('Invalid sandbox seed: it needs an admin user with an active access key');
  }

  const server = await listen(
    { state, accounts: [state, ...others], faults, stats },
    options.port ?? 0,
  );
  return {
    endpoint: `http://127.0.0.1:${String(server.port)}`,
    region: SANDBOX_REGION,
    accountId: state.accountId,
    admin: { userName: adminName, ...credentialsFor(adminName) },
    credentialsFor,
    mfaDeviceOf,
    addMfaDevice: (userName, deviceOptions) =>
      authenticator(state.addMfaDevice(userNamed(userName).userName, deviceOptions)),
    setPermission: (userName, permission) => {
      userNamed(userName).permission = permission;
    },
    clock: {
      now: () => clock.now(),
      advance: (ms) => {
        clock.advance(ms);
      },
    },
    faults: {
      setLatency: (ms) => {
        faults.setLatency(ms);
      },
      setRateLimit: (limit) => {
        faults.setRateLimit(limit);
      },
      failNth: (action, n, mode) => {
        faults.failNth(action, n, mode);
      },
      clear: () => {
        faults.clear();
      },
    },
    stats: {
      calls: (action) => stats.calls(action),
      throttled: () => stats.throttled(),
      reset: () => {
        stats.reset();
      },
    },
    state,
    otherAccounts: others.map((other) => ({
      accountId: other.accountId,
      state: other,
      credentialsFor: credentialsIn(other),
    })),
    close: () => server.close(),
  };
}
