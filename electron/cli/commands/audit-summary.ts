import type { AuditFlagId, AuditSummary } from '../../common/audit';
import { auditFlagIds } from '../../common/audit';

const count = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

/** One flag's count in words; people and keys are counted apart, as the window does. */
function flagWords(id: AuditFlagId, n: number, summary: AuditSummary): string {
  switch (id) {
    case 'key-older-than-limit':
      return `${count(n, 'key', 'keys')} older than ${String(summary.staleKeyDays)} days`;
    case 'key-never-used':
      return `${count(n, 'active key', 'active keys')} never used`;
    case 'key-unused':
      return `${count(n, 'key', 'keys')} not used for ${String(summary.unusedKeyDays)} days`;
    case 'key-inactive':
      return `${count(n, 'deactivated key', 'deactivated keys')} not deleted`;
    case 'two-active-keys':
      return `${count(n, 'person', 'people')} with two active keys`;
    case 'new-user':
      return `${count(n, 'person', 'people')} new since the last audit`;
    case 'keys-unreadable':
      return `${count(n, 'person', 'people')} whose keys Keyward could not read`;
  }
}

/** "42 people, 57 keys: 6 keys not used for 90 days, …" — plain words, no timings. */
export function auditSummaryText(summary: AuditSummary): string {
  const head = `${count(summary.users, 'person', 'people')}, ${count(summary.keys, 'key', 'keys')}`;
  const found = auditFlagIds
    .filter((id) => summary.flags[id] > 0)
    .map((id) => flagWords(id, summary.flags[id], summary));
  return found.length === 0 ? `${head}: nothing needs attention.` : `${head}: ${found.join(', ')}.`;
}
