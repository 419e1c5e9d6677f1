import { reportTimestamp } from './dates';
import type { AccessKeyRecord, SandboxState } from './state';

/** AWS's column order, byte for byte: Keyward's audit parses reports by these names. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

const NO_KEY = ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
const NO_CERTS = ['false', 'N/A', 'false', 'N/A'];

function keyColumns(key: AccessKeyRecord | undefined): string[] {
  if (!key) return NO_KEY;
  const { lastUsed } = key;
  return [
    key.status === 'Active' ? 'true' : 'false',
    reportTimestamp(key.createDate),
    lastUsed ? reportTimestamp(lastUsed.date) : 'N/A',
    lastUsed ? lastUsed.region : 'N/A',
    lastUsed ? lastUsed.serviceName : 'N/A',
  ];
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The report as IAM writes it: the root account first, then every user. A console password is
 * reported as enabled, set when its login profile was made and never used; sandbox users have no
 * signing certificates, so those columns carry IAM's values for "none".
 */
export function buildCredentialReport(state: SandboxState): string {
  const root = [
    '<root_account>',
    `arn:aws:iam::${state.accountId}:root`,
    reportTimestamp(state.accountCreateDate),
    'not_supported',
    'no_information',
    'not_supported',
    'not_supported',
    'true',
    ...NO_KEY,
    ...NO_KEY,
    ...NO_CERTS,
  ];
  const keysByUser = state.keysByUser();
  const users = state.sortedUsers().map((user) => {
    const [first, second] = keysByUser.get(user.userName.toLowerCase()) ?? [];
    const password = state.loginProfiles.get(user.userName.toLowerCase());
    return [
      user.userName,
      user.arn,
      reportTimestamp(user.createDate),
      password ? 'true' : 'false',
      password ? 'no_information' : 'N/A',
      password ? reportTimestamp(password.createDate) : 'N/A',
      'N/A',
      state.hasMfa(user.userName) ? 'true' : 'false',
      ...keyColumns(first),
      ...keyColumns(second),
      ...NO_CERTS,
    ];
  });
  return [CREDENTIAL_REPORT_COLUMNS, root, ...users]
    .map((row) => row.map(csvField).join(','))
    .join('\n');
}
