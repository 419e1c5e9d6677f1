import type { AuditFlagId, AuditSummary } from '../../../../../electron/common/audit';
import { plural } from '../../format';

/** The summary's order: what to act on first. */
const order: AuditFlagId[] = [
  'key-unused',
  'key-never-used',
  'key-older-than-limit',
  'key-inactive',
  'two-active-keys',
  'new-user',
  'keys-unreadable',
];

function flagWords(id: AuditFlagId, n: number, summary: AuditSummary): string {
  switch (id) {
    case 'key-older-than-limit':
      return `${plural(n, 'key')} older than ${String(summary.staleKeyDays)} days`;
    case 'key-never-used':
      return `${plural(n, 'active key')} never used`;
    case 'key-unused':
      return `${plural(n, 'key')} not used for ${String(summary.unusedKeyDays)} days`;
    case 'key-inactive':
      return `${plural(n, 'deactivated key')} not deleted`;
    case 'two-active-keys':
      return `${plural(n, 'person', 'people')} with two active keys`;
    case 'new-user':
      return `${plural(n, 'person', 'people')} new since the last audit`;
    case 'keys-unreadable':
      return `${plural(n, 'person', 'people')} whose keys Keyward could not read`;
  }
}

/** "42 people, 57 keys: 6 keys not used for 90 days, …" — plain words, people and keys apart. */
export function auditSentence(summary: AuditSummary): string {
  const head = `${plural(summary.users, 'person', 'people')}, ${plural(summary.keys, 'key')}`;
  const found = order
    .filter((id) => summary.flags[id] > 0)
    .map((id) => flagWords(id, summary.flags[id], summary));
  return found.length === 0 ? `${head}: nothing needs attention.` : `${head}: ${found.join(', ')}.`;
}
