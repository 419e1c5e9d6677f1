import { newAccessKeyId, newSecretAccessKey, type RandomInt } from './ids';
import type {
  Permission,
  SandboxSeed,
  SeedAccessKey,
  SeedMfaDevice,
  SeedTag,
  SeedUser,
} from './seed';

const DAY_MS = 24 * 60 * 60 * 1000;

/** mulberry32: a tiny seeded PRNG, so generated accounts are the same on every run. */
function seededRandom(seed: number): { int: RandomInt; chance: (p: number) => boolean } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (max) => Math.floor(next() * max), chance: (p) => next() < p };
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const FIRST_NAMES = (
  'alex sam maria li noah emma omar yuki ana jonas priya lucas fatima ivan chloe mateo zoe kofi ' +
  'elena david aisha leon mia raj'
).split(' ');
const LAST_NAMES = (
  'smith garcia chen muller rossi tanaka silva nowak kim dubois patel jensen okafor ivanova ' +
  'cohen lopez novak haddad berg singh'
).split(' ');
/** Most staff manage only their own keys; a few audit, a few have nothing, a rare one is admin. */
const PERMISSIONS: readonly Permission[] = [
  ...Array<Permission>(14).fill('self'),
  ...Array<Permission>(3).fill('readonly'),
  ...Array<Permission>(2).fill('none'),
  'admin',
];
const PATHS = ['/engineering/', '/finance/', '/ops/', '/contractors/'];
const TEAMS = ['platform', 'data', 'payments', 'mobile', 'security', 'support'];
const SERVICES = ['iam', 'sts', 's3', 'ec2', 'lambda', 'dynamodb', 'cloudwatch'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const DESCRIPTIONS = ['laptop CLI', 'CI deploy', 'backup script', 'data export', 'terraform'];

/**
 * IAM allows 5,000 users per account, but benchmarks measure beyond it (README: 10,000); the cap
 * only keeps a typo from filling memory.
 */
export const maxGeneratedUsers = 20_000;

export interface GenerateSeedOptions {
  /** Number of users, the first of them `admin`: 1 to `maxGeneratedUsers`. */
  users: number;
  /** PRNG seed; the same options always give the same account. */
  seed?: number;
  accountId?: string;
  accountAlias?: string;
  /** The moment the account is described at; fixed by default so output is reproducible. */
  now?: Date;
}

/** An account of N plausible users for benchmarks: 1–2 keys each, some inactive, some unused. */
export function generateSeed(options: GenerateSeedOptions): SandboxSeed {
  const { users: count, seed = 1 } = options;
  if (!Number.isInteger(count) || count < 1 || count > maxGeneratedUsers) {
    throw new RangeError(
      `generateSeed: users must be an integer from 1 to ${String(maxGeneratedUsers)}`,
    );
  }
  const random = seededRandom(seed);
  const now = (options.now ?? new Date('2026-01-01T00:00:00Z')).getTime();
  const pickOf = <T>(list: readonly T[]): T => list[random.int(list.length)] as T;
  // How many users have each first.last name so far: the nth gets the suffix n, as IAM admins
  // tend to do. Counting keeps this linear where probing a set of names grew with every repeat.
  const seen = new Map<string, number>();

  const users: SeedUser[] = [];
  for (let i = 0; i < count; i++) {
    let userName = 'admin';
    if (i > 0) {
      const base = `${pickOf(FIRST_NAMES)}.${pickOf(LAST_NAMES)}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      // A suffixed name never equals a base name (those end in a letter), so names stay unique.
      userName = n === 1 ? base : `${base}${String(n)}`;
    }
    const permission: Permission = i === 0 ? 'admin' : pickOf(PERMISSIONS);
    const created = now - (30 + random.int(1500)) * DAY_MS - random.int(DAY_MS);
    const keyCount = i === 0 ? 1 : random.chance(0.4) ? 2 : 1;
    const accessKeys: SeedAccessKey[] = [];
    const tags: SeedTag[] = [];
    for (let k = 0; k < keyCount; k++) {
      const keyCreated = created + random.int(Math.max(1, now - created));
      const used = i === 0 || random.chance(0.75);
      const accessKeyId = newAccessKeyId('AKIA', random.int);
      accessKeys.push({
        accessKeyId,
        secretAccessKey: newSecretAccessKey(random.int),
        // The admin's key must work: it is how a benchmark signs in.
        status: i === 0 || random.chance(0.85) ? 'Active' : 'Inactive',
        createDate: iso(keyCreated),
        ...(used && {
          lastUsed: {
            date: iso(keyCreated + random.int(Math.max(1, now - keyCreated))),
            serviceName: pickOf(SERVICES),
            region: pickOf(REGIONS),
          },
        }),
      });
      // The console's convention: a key's description is a user tag keyed by the key id.
      if (random.chance(0.5)) tags.push({ Key: accessKeyId, Value: pickOf(DESCRIPTIONS) });
    }
    if (random.chance(0.4)) tags.push({ Key: 'team', Value: pickOf(TEAMS) });
    users.push({
      userName,
      path: i > 0 && random.chance(0.2) ? pickOf(PATHS) : '/',
      permission,
      createDate: iso(created),
      ...(tags.length > 0 && { tags }),
      accessKeys,
    });
  }
  return {
    accountId: options.accountId ?? '123456789012',
    ...(options.accountAlias !== undefined && { accountAlias: options.accountAlias }),
    users,
  };
}

/**
 * A small, friendly account for demos and tests: one user per permission level, with key
 * descriptions and last-used data. Dates are relative to `now`; key ids and secrets are the same
 * on every run, so credentials saved during a demo keep working after a restart.
 */
export function defaultSeed(now: Date = new Date()): SandboxSeed {
  const random = seededRandom(20100508);
  const at = (daysAgo: number) => iso(now.getTime() - daysAgo * DAY_MS);
  const key = (
    status: 'Active' | 'Inactive',
    createdDaysAgo: number,
    lastUsed?: { daysAgo: number; serviceName: string; region: string },
  ): SeedAccessKey => ({
    accessKeyId: newAccessKeyId('AKIA', random.int),
    secretAccessKey: newSecretAccessKey(random.int),
    status,
    createDate: at(createdDaysAgo),
    ...(lastUsed && {
      lastUsed: {
        date: at(lastUsed.daysAgo),
        serviceName: lastUsed.serviceName,
        region: lastUsed.region,
      },
    }),
  });
  const adminKey = key('Active', 200, { daysAgo: 0.1, serviceName: 'iam', region: 'us-east-1' });
  const aliceKey = key('Active', 400, { daysAgo: 1, serviceName: 's3', region: 'eu-west-1' });
  const bobNewKey = key('Active', 120);
  const bobOldKey = key('Inactive', 700, { daysAgo: 300, serviceName: 'ec2', region: 'us-west-2' });
  const auditorKey = key('Active', 60, { daysAgo: 3, serviceName: 'sts', region: 'us-east-1' });
  const nobodyKey = key('Active', 10);
  const user = (
    userName: string,
    permission: Permission,
    createdDaysAgo: number,
    accessKeys: SeedAccessKey[],
    extra: {
      path?: string;
      team?: string;
      /** Key descriptions: user tags keyed by the key id, the console's convention. */
      described?: [SeedAccessKey, string][];
      mfaDevices?: SeedMfaDevice[];
    } = {},
  ): SeedUser => {
    const tags: SeedTag[] = [
      ...(extra.team === undefined ? [] : [{ Key: 'team', Value: extra.team }]),
      ...(extra.described ?? []).map(([described, Value]) => ({
        Key: described.accessKeyId,
        Value,
      })),
    ];
    return {
      userName,
      ...(extra.path !== undefined && { path: extra.path }),
      permission,
      createDate: at(createdDaysAgo),
      ...(tags.length > 0 && { tags }),
      accessKeys,
      ...(extra.mfaDevices && { mfaDevices: extra.mfaDevices }),
    };
  };
  return {
    accountId: '123456789012',
    accountAlias: 'example-corp',
    users: [
      user('admin', 'admin', 900, [adminKey], {
        team: 'platform',
        described: [[adminKey, 'Admin laptop']],
        // An authenticator app's secret, the same on every run: a demo can add it to a phone.
        mfaDevices: [
          {
            serialNumber: 'arn:aws:iam::123456789012:mfa/admin',
            base32Seed: 'KEYWARDSANDBOXADMINMFA2345672345',
          },
        ],
      }),
      user('alice', 'self', 450, [aliceKey], {
        team: 'data',
        described: [[aliceKey, 'Laptop CLI']],
      }),
      user('bob', 'self', 800, [bobOldKey, bobNewKey], { described: [[bobNewKey, 'CI deploy']] }),
      user('auditor', 'readonly', 90, [auditorKey], { path: '/audit/' }),
      user('nobody', 'none', 15, [nobodyKey], { path: '/contractors/' }),
    ],
  };
}

/**
 * A second AWS account for an admin who looks after several: its own id and alias, its own admin
 * (same name as the first account's, as is common) and one colleague. Its keys differ from the
 * default seed's, so the one endpoint can tell the accounts apart by the signing key.
 */
export function otherAccountSeed(now: Date = new Date()): SandboxSeed {
  const random = seededRandom(20230417);
  const at = (daysAgo: number) => iso(now.getTime() - daysAgo * DAY_MS);
  const key = (createdDaysAgo: number, usedDaysAgo?: number): SeedAccessKey => ({
    accessKeyId: newAccessKeyId('AKIA', random.int),
    secretAccessKey: newSecretAccessKey(random.int),
    status: 'Active',
    createDate: at(createdDaysAgo),
    ...(usedDaysAgo !== undefined && {
      lastUsed: { date: at(usedDaysAgo), serviceName: 's3', region: 'eu-west-1' },
    }),
  });
  return {
    accountId: '210987654321',
    accountAlias: 'example-labs',
    users: [
      { userName: 'admin', permission: 'admin', createDate: at(500), accessKeys: [key(150, 0.2)] },
      { userName: 'carol', permission: 'self', createDate: at(300), accessKeys: [key(250)] },
    ],
  };
}
