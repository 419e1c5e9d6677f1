import type { AccessKeySummary } from './domain';

/**
 * Rules about keys that the window and main both apply: the window to guide the person before
 * they act (and to offer only what main will do), main to enforce them for every door (the window,
 * the command line, a rotation). Pure functions, so the renderer may import this file's values
 * (eslint.config.js allows it; every other file here is types-only for the renderer).
 */

// ── Descriptions ───────────────────────────────────────────────────────────────────────────────

export const maxDescriptionLength = 256;

/** IAM's allowed characters for tag values: letters, spaces, numbers and _ . : / = + - @ */
const tagValuePattern = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * What a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV injection list).
 * A description travels in hand-off files as CSV, which refuse such a start, so a description
 * never starts with one. Spaces between them ("- = x") go too: they would be left in front.
 */
const formulaStart = /^[=+\-@\p{Z}]+/u;

/**
 * Takes off the characters at the start that make a spreadsheet run the text as a formula, and
 * nothing else (a description being typed keeps its spaces). `removed` is what was taken off,
 * without spaces, for telling the person; '' when nothing was.
 */
export function withoutFormulaStart(text: string): { text: string; removed: string } {
  const start = formulaStart.exec(text)?.[0] ?? '';
  const removed = start.replace(/\p{Z}/gu, '');
  if (removed === '') return { text, removed: '' };
  return { text: text.slice(start.length), removed };
}

/** A description as Keyward keeps it: trimmed, without a formula start (see above). */
export function tidyDescription(text: string): { text: string; removed: string } {
  const { text: rest, removed } = withoutFormulaStart(text.trim());
  return { text: rest.trim(), removed };
}

/**
 * A description as typed, made into one IAM and key files accept, rather than refused: the
 * characters IAM does not allow go ("<CLI>" → "CLI"), runs of space become one, a formula start
 * comes off, and it is cut to IAM's length. The window shows the result before saving; main
 * still refuses anything else (`descriptionProblem`), whichever door it came through.
 */
export function tidiedDescription(typed: string): string {
  const allowed = Array.from(typed.replace(/\s/g, ' '))
    .filter((ch) => tagValuePattern.test(ch))
    .join('')
    .replace(/\p{Z}+/gu, ' ');
  const { text } = tidyDescription(allowed);
  return Array.from(text).slice(0, maxDescriptionLength).join('').trim();
}

/**
 * What is wrong with a description, as facts each side puts in its own words (the form beside
 * the field, main in an error with what to do next); null when IAM and hand-off files accept it.
 */
export type DescriptionProblem =
  | { kind: 'too-long'; length: number }
  | { kind: 'character'; character: string }
  | { kind: 'formula-start'; start: string };

export function descriptionProblem(description: string): DescriptionProblem | null {
  const characters = Array.from(description);
  if (characters.length > maxDescriptionLength) {
    return { kind: 'too-long', length: characters.length };
  }
  const bad = characters.find((ch) => !tagValuePattern.test(ch));
  if (bad !== undefined) return { kind: 'character', character: bad };
  const { removed } = tidyDescription(description);
  if (removed !== '') return { kind: 'formula-start', start: removed };
  return null;
}

// ── Keys in use ────────────────────────────────────────────────────────────────────────────────

/** An active key used within this many days is probably still needed by something. */
export const recentUseDays = 7;

const dayMs = 24 * 60 * 60 * 1000;

/** Whole days from `iso` to `now`, never below zero. */
export function daysSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / dayMs));
}

/**
 * Why deleting this key would probably break something still running, or null. Main deletes
 * such a key only when the person confirmed it, and never to make room in a rotation; the window
 * offers only what main will do. (The key a session is signed in with has its own, stricter rule
 * in main: see `checkSessionKeyChange`.)
 */
export function inUseReason(key: AccessKeySummary, now = Date.now()): string | null {
  if (key.status !== 'Active' || !key.lastUsed) return null;
  const days = daysSince(key.lastUsed.date, now);
  if (days >= recentUseDays) return null;
  const when = days === 0 ? 'today' : `${String(days)} day${days === 1 ? '' : 's'} ago`;
  return `This key is active and was used ${when}.`;
}
