import { activityWords } from '../../common/activity';
import type { ActivityEntry } from '../../common/activity';
import { formatCsv, neutraliseFormula } from '../csv';
import { redactSecrets } from '../log';

/** The history's columns: names a spreadsheet reader can guess, like the audit's. */
export const activityCsvColumns = [
  'when_utc',
  'what',
  'action',
  'user',
  'access_key_id',
  'done_by',
  'detail',
] as const;

/**
 * Entries as CSV text, one row each, in the order given. The log never holds a secret (the log
 * removes any as it records), and whatever a hand-edited file put there is removed again here.
 */
export function activityToCsv(entries: readonly ActivityEntry[]): string {
  const records = entries.map((entry) =>
    [
      entry.at,
      activityWords[entry.action],
      entry.action,
      entry.userName,
      entry.accessKeyId,
      entry.actor,
      entry.detail ?? '',
    ].map((cell) => neutraliseFormula(redactSecrets(cell))),
  );
  return formatCsv([[...activityCsvColumns], ...records]);
}

/** "keyward-history-2026-11-30.csv", for today (local date, as the person reads it). */
export function activityCsvName(now = new Date()): string {
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  return `keyward-history-${day}.csv`;
}
