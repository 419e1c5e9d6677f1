import type { AuditFlagId } from '../../common/audit';
import type { PersonCells, PersonLastUse } from '../../common/people';
import { flagUsers, type FlagRules } from '../audit/audit-flags';
import type { AuditedUser } from '../audit/credential-report';

/**
 * A person's columns from what the audit reads about them (a credential report row or their
 * keys), flagged by the audit's own rules so the table and the audit never disagree.
 */
export function personCells(user: AuditedUser, rules: FlagRules): PersonCells {
  const [row] = flagUsers([user], rules);
  const active = user.keys.filter((key) => key.active);
  const ages = active.map((key) => key.ageDays).filter((days) => days !== null);
  return {
    state: 'read',
    activeKeys: active.length,
    inactiveKeys: user.keys.length - active.length,
    oldestActiveKeyDays: ages.length > 0 ? Math.max(...ages) : null,
    lastUsed: lastUseOf(user),
    flags: [...new Set<AuditFlagId>((row?.flags ?? []).map((flag) => flag.id))],
  };
}

/** The latest use of any key; "never" only when every key is known never to have been used. */
function lastUseOf(user: AuditedUser): PersonLastUse {
  if (user.keys.length === 0) return { kind: 'no-keys' };
  const dates = user.keys.flatMap((key) =>
    key.lastUsed.kind === 'used' ? [key.lastUsed.date] : [],
  );
  if (dates.length > 0) return { kind: 'used', date: dates.sort().at(-1) ?? '' };
  return user.keys.every((key) => key.lastUsed.kind === 'never')
    ? { kind: 'never' }
    : { kind: 'unknown' };
}
