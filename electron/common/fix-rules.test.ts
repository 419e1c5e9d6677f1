import { describe, expect, it } from 'vitest';
import type { AuditKey, AuditRow } from './audit';
import { fixCount } from './fix-rules';

const now = Date.parse('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now - days * 24 * 60 * 60 * 1000).toISOString();

function key(
  slot: 1 | 2,
  accessKeyId: string | null,
  active: boolean,
  unusedDays: number,
): AuditKey {
  return {
    slot,
    accessKeyId,
    active,
    lastRotated: daysAgo(unusedDays + 10),
    ageDays: unusedDays + 10,
    lastUsed: { kind: 'used', date: daysAgo(unusedDays), service: 's3', region: 'eu-west-1' },
  };
}

function row(userName: string, keys: AuditKey[], accountId?: string): AuditRow {
  return { userName, arn: '', userCreated: null, keys, flags: [], ...(accountId && { accountId }) };
}

const main = '111111111111';
const labs = '222222222222';

describe('the number of keys a bulk fix starts from (the window’s buttons)', () => {
  const rows = [
    row('admin', [key(1, 'AKIAADMINMAIN000001', true, 100)], main),
    row('bob', [key(1, 'AKIABOBOLD000000001', false, 300), key(2, null, true, 120)], main),
    row('admin', [key(1, 'AKIAADMINLABS000001', true, 100)], labs),
    row('carol', [key(1, 'AKIACAROL0000000001', true, 30)], labs),
  ];
  const audit = { rows, accountId: main };

  it('leaves out the key each signed-in account uses, in its own account only', () => {
    const signedIn = [
      { accountId: main, accessKeyId: 'AKIAADMINMAIN000001' },
      { accountId: labs, accessKeyId: 'AKIAADMINLABS000001' },
    ];
    expect(fixCount(audit, 'deactivate-unused', 90, signedIn, now)).toBe(1);
    // Signed in to one account only: the other account's admin key is a key like any other.
    expect(fixCount(audit, 'deactivate-unused', 90, signedIn.slice(0, 1), now)).toBe(2);
  });

  it('counts by the days asked for, and inactive keys for deleting', () => {
    expect(fixCount(audit, 'deactivate-unused', 20, [], now)).toBe(4);
    expect(fixCount(audit, 'delete-inactive', 90, [], now)).toBe(1);
    expect(fixCount(audit, 'delete-inactive', 301, [], now)).toBe(0);
  });
});
