import { ageInDays } from '../aws/key-age';
import type {
  AuditFlag,
  AuditFlagId,
  AuditKey,
  AuditRow,
  AuditSummary,
  RootAccountStatus,
} from '../../common/audit';
import { auditFlagIds } from '../../common/audit';
import type { AuditedUser } from './credential-report';

export interface FlagRules {
  /** Keys older than this should have been replaced (Settings → staleKeyDays). */
  staleKeyDays: number;
  /** An active key unused this long is probably not needed. */
  unusedKeyDays: number;
  /**
   * Lower-cased names of the users the previous audit of this account saw, or null when there was
   * none: then nobody is "new", because everybody would be.
   */
  seenBefore: ReadonlySet<string> | null;
  /** Users whose keys Keyward was not allowed to read (per-user audit only). */
  unreadable?: ReadonlySet<string>;
  now: number;
}

/** Works out each user's flags. Pure: the same users and rules always give the same rows. */
export function flagUsers(users: readonly AuditedUser[], rules: FlagRules): AuditRow[] {
  return users.map((user) => ({ ...user, flags: flagsOf(user, rules) }));
}

function flagsOf(user: AuditedUser, rules: FlagRules): AuditFlag[] {
  const flags: AuditFlag[] = [];
  if (rules.unreadable?.has(user.userName)) {
    flags.push({
      id: 'keys-unreadable',
      slot: null,
      explanation:
        `Keyward was not allowed to read ${user.userName}’s keys, so they were not checked. ` +
        'Ask your AWS administrator for iam:ListAccessKeys and iam:GetAccessKeyLastUsed.',
    });
  }
  for (const key of user.keys) flags.push(...keyFlags(key, user.keys.length, rules));
  const active = user.keys.filter((key) => key.active);
  if (active.length >= 2) {
    flags.push({
      id: 'two-active-keys',
      slot: null,
      explanation:
        'Both of this user’s keys are active. Two keys should only overlap briefly while one ' +
        'replaces the other: once the new key works everywhere, deactivate the old one.',
    });
  }
  if (
    rules.seenBefore !== null &&
    user.keys.length > 0 &&
    !rules.seenBefore.has(user.userName.toLowerCase())
  ) {
    flags.push({
      id: 'new-user',
      slot: null,
      explanation:
        `Keyward has not seen ${user.userName} in an earlier audit of this account. ` +
        'Check that this person should have access keys.',
    });
  }
  return flags;
}

/**
 * How a flag names its key, so an admin can find the key to act on. The per-user audit knows the
 * id. The credential report does not name keys, and joining the ids would cost one ListAccessKeys
 * per user: for a large account that is minutes of requests at IAM's pace, where the report
 * takes a handful for any number of users (bench: 10,000 users, at most 10 requests). A user has
 * at most two keys, so "older" or "newer" with the creation date is unambiguous, and is how
 * People's keys and the AWS console list them.
 */
export function keyName(key: AuditKey, keysOfUser: number): string {
  if (key.accessKeyId) return `Key ${key.accessKeyId}`;
  const which = keysOfUser < 2 ? 'The key' : key.slot === 1 ? 'The older key' : 'The newer key';
  return key.lastRotated ? `${which} (created ${key.lastRotated.slice(0, 10)})` : which;
}

function keyFlags(key: AuditKey, keysOfUser: number, rules: FlagRules): AuditFlag[] {
  const name = keyName(key, keysOfUser);
  const flag = (id: AuditFlagId, explanation: string): AuditFlag => ({
    id,
    slot: key.slot,
    explanation,
  });
  // A deactivated key cannot be used, so its age and use matter less than the fact it still exists.
  if (!key.active) {
    const used =
      key.lastUsed.kind === 'used'
        ? `; it was last used ${since(key.lastUsed.date, rules.now)}`
        : '';
    return [
      flag(
        'key-inactive',
        `${name} is deactivated but not deleted${used}. If nobody needs it back, delete it.`,
      ),
    ];
  }
  const flags: AuditFlag[] = [];
  if (key.ageDays !== null && key.ageDays > rules.staleKeyDays) {
    flags.push(
      flag(
        'key-older-than-limit',
        `${name} is ${days(key.ageDays)} old; keys should be replaced every ` +
          `${days(rules.staleKeyDays)} (your setting). Create a new key, switch over, then delete this one.`,
      ),
    );
  }
  if (key.lastUsed.kind === 'never') {
    const created =
      key.ageDays === null
        ? ''
        : `, ${key.ageDays === 0 ? 'created today' : `created ${days(key.ageDays)} ago`}`;
    flags.push(
      flag(
        'key-never-used',
        `${name} is active but has never been used${created}. If nobody needs it, deactivate it.`,
      ),
    );
  } else if (key.lastUsed.kind === 'used') {
    const unused = ageInDays(key.lastUsed.date, rules.now);
    if (unused >= rules.unusedKeyDays) {
      const where = [key.lastUsed.service, key.lastUsed.region].filter((part) => part !== null);
      flags.push(
        flag(
          'key-unused',
          `${name} is active but was last used ${days(unused)} ago` +
            `${where.length > 0 ? ` (${where.join(', ')})` : ''}. An active key nobody uses is a ` +
            'risk: deactivate it, and delete it if nothing breaks.',
        ),
      );
    }
  }
  return flags;
}

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

function since(date: string, now: number): string {
  const count = ageInDays(date, now);
  return count === 0 ? 'today' : `${days(count)} ago`;
}

export function summarize(
  rows: readonly AuditRow[],
  context: {
    staleKeyDays: number;
    unusedKeyDays: number;
    firstAudit: boolean;
    rootAccount: RootAccountStatus | null;
  },
): AuditSummary {
  const flags = Object.fromEntries(auditFlagIds.map((id) => [id, 0])) as Record<
    AuditFlagId,
    number
  >;
  let keys = 0;
  let activeKeys = 0;
  let usersWithKeys = 0;
  let flaggedUsers = 0;
  for (const row of rows) {
    keys += row.keys.length;
    activeKeys += row.keys.filter((key) => key.active).length;
    if (row.keys.length > 0) usersWithKeys += 1;
    if (row.flags.length > 0) flaggedUsers += 1;
    for (const flag of row.flags) flags[flag.id] += 1;
  }
  return {
    users: rows.length,
    usersWithKeys,
    keys,
    activeKeys,
    flaggedUsers,
    flags,
    ...context,
  };
}
