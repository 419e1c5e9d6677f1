import type { ActivityEntry, ActivityFilter } from '../../common/activity';

/** A key kept on this computer: its name and the key ID it holds now. */
export interface KeptKeyName {
  name: string;
  accessKeyId: string;
}

/** How a rotation's entry names the key it replaced: "work (rotated from AKIA…)". */
const rotatedFrom = /rotated from ([A-Z0-9]{16,128})/;
/** A key-ID fragment worth matching: shorter ones match too much by chance. */
const keyIdFragment = /^[A-Za-z0-9]{4,128}$/;

/**
 * A test for entries of the log read newest first. A key name finds its key's entries although
 * the log records key IDs: the kept key's ID now, and, going back in time, the IDs an entry naming
 * the key (kept, imported, replaced) links to it: a replaced key's older entries are still its own.
 */
export function matchesNewestFirst(
  filter: ActivityFilter,
  kept: readonly KeptKeyName[],
): (entry: ActivityEntry) => boolean {
  const key = filter.key?.trim() ?? '';
  const person = filter.person?.trim().toLowerCase() ?? '';
  const since = filter.since ? Date.parse(filter.since) : null;
  const before = filter.before ? Date.parse(filter.before) : null;
  const name = key.toLowerCase();
  const idsOfName = new Set(
    kept.filter((each) => each.name.toLowerCase() === name).map((each) => each.accessKeyId),
  );
  const fragment = keyIdFragment.test(key) ? key.toUpperCase() : null;

  const keyMatches = (entry: ActivityEntry): boolean => {
    if (key === '') return true;
    if (namedIn(entry.detail, name)) {
      idsOfName.add(entry.accessKeyId);
      const older = rotatedFrom.exec(entry.detail ?? '')?.[1];
      if (older) idsOfName.add(older);
    }
    if (idsOfName.has(entry.accessKeyId)) return true;
    return fragment !== null && entry.accessKeyId.includes(fragment);
  };

  return (entry) => {
    // The key's test learns from every entry, so it runs first, whatever the others say.
    if (!keyMatches(entry)) return false;
    if (person !== '' && !entry.userName.toLowerCase().includes(person)) return false;
    const at = Date.parse(entry.at);
    if (since !== null && !(at >= since)) return false;
    if (before !== null && !(at < before)) return false;
    return true;
  };
}

/** Whether a detail ("imported work", "work (rotated from …)") names the key as a whole word. */
function namedIn(detail: string | undefined, name: string): boolean {
  if (!detail || name === '') return false;
  return detail
    .toLowerCase()
    .split(/[\s()“”"]+/)
    .includes(name);
}
