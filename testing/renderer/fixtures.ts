import type {
  AccessKeySummary,
  Identity,
  NewKey,
  Settings,
  StoredKeyCheck,
  StoredProfile,
} from '../../electron/common/domain';

/** Keyward's settings as main first holds them. */
export const settings: Settings = {
  region: 'us-east-1',
  endpoint: null,
  clipboardSeconds: 30,
  staleKeyDays: 90,
};

/** alice, signed in with an AWS command line profile in account acme. */
export const alice: Identity = {
  accountId: '123456789012',
  accountAlias: 'acme',
  arn: 'arn:aws:iam::123456789012:user/alice',
  userName: 'alice',
  source: { kind: 'aws-profile', name: 'default' },
  accessKeyId: 'AKIAALICEALICEAL1111',
};

/** A key of alice's kept on this computer under `name`. */
export function keptKey(name: string, extra: Partial<StoredProfile> = {}): StoredProfile {
  return {
    name,
    accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
    userName: 'alice',
    accountId: '123456789012',
    created: '2025-01-01T00:00:00Z',
    description: null,
    use: { mode: 'session', durationSeconds: 3600, mfaSerial: null },
    ...extra,
  };
}

/** One of alice's keys in AWS. */
export function awsKey(
  accessKeyId: string,
  extra: Partial<AccessKeySummary> = {},
): AccessKeySummary {
  return {
    accessKeyId,
    userName: 'alice',
    status: 'Active',
    created: '2025-01-01T00:00:00Z',
    ageDays: 10,
    description: null,
    lastUsed: null,
    signedInKey: false,
    ...extra,
  };
}

/** A key AWS just made for alice; its secret is held in main behind the handle. */
export const newKey: NewKey = {
  handle: 'handle-1',
  accessKeyId: 'AKIANEWNEWNEWNEW9999',
  userName: 'alice',
  accountId: '123456789012',
  created: '2025-01-01T00:00:00Z',
  description: null,
};

/** What AWS said when a kept key checked itself: it works. */
export function workingCheck(name: string): StoredKeyCheck {
  return {
    name,
    working: true,
    status: 'Active',
    lastUsed: null,
    lastUsedKnown: false,
    problem: null,
    checkedAt: '2025-01-01T00:00:00Z',
  };
}
