import { leadingSpace, pyRstrip, pyStrip, pythonSpace } from './python-text';

/**
 * The AWS shared config and credentials files as lines, so that an edit touches only the lines
 * it means to and every other byte (comments, order, spacing, line endings) stays as it was.
 * This is deliberately not a parser that re-serialises: AWS's files are edited by people.
 *
 * Which line is what follows the AWS CLI's reader exactly: botocore reads these files with
 * Python's `configparser.RawConfigParser()` and its defaults (`_read` in Lib/configparser.py), so
 * - a line whose stripped text starts with `#` or `;` is a comment, wherever it is; a `#` or `;`
 *   later in a line is part of the value (no inline comments);
 * - a line indented deeper than the line that started the current setting continues its value,
 *   even after blank lines or comments; "deeper" counts characters, a tab being one;
 * - otherwise a line is a `[section]` header (up to its last `]`, spaces kept), or a setting
 *   `name = value` split at the first `=` or `:`, its name lower-cased;
 * - a section or a setting within one section appearing twice, a line before any section, and a
 *   line that is none of these make the whole file unreadable.
 * Unlike Python, reading goes on after a problem, so a refusal can name every place involved.
 */

export interface Line {
  /** The line without its ending. */
  text: string;
  /** '\n', '\r\n', '\r', or '' for a last line without one. */
  eol: string;
}

export interface KeyLine {
  /** Lower-cased, as configparser compares names. */
  key: string;
  /** As configparser returns it: continuation lines joined with '\n', trailing space removed. */
  value: string;
  /** Index of the `key = value` line. */
  index: number;
  /** One past its last continuation line. */
  end: number;
  /** Where the value starts in the key line's text. */
  valueStart: number;
}

export interface Section {
  /** Exactly what configparser takes as its name: between `[` and the last `]`, spaces kept. */
  header: string;
  /** Index of the header line. */
  start: number;
  /** Index of the next section's header, or the number of lines. */
  end: number;
  keys: KeyLine[];
}

/** What each line is to configparser. */
export type LineRole = 'blank' | 'comment' | 'header' | 'key' | 'continuation' | 'invalid';

/** Something that makes configparser refuse the file (indexes are line indexes). */
export type IniProblem =
  | { kind: 'missing-section-header'; index: number }
  | { kind: 'duplicate-section'; index: number; first: number; header: string }
  | { kind: 'duplicate-option'; index: number; first: number; header: string; key: string }
  | { kind: 'parsing'; index: number };

export interface IniFile {
  lines: Line[];
  roles: LineRole[];
  /** In file order; a repeated header (a problem) gets a section of its own. */
  sections: Section[];
  problems: IniProblem[];
}

/** configparser's `[` … `]`: greedy, so the name runs to the last `]` on the line. */
const sectionPattern = /^\[([^\n]+)\]/;
/** configparser's OPTCRE: the name is everything before the first `=` or `:`. */
const optionPattern = new RegExp(`^([^\\n]*?)[${pythonSpace}]*([=:])[${pythonSpace}]*([^\\n]*)$`);
/** configparser's default section, whose settings every other section inherits. */
export const defaultSection = 'DEFAULT';

export function splitLines(content: string): Line[] {
  if (content === '') return [];
  const lines: Line[] = [];
  // Python reads with universal newlines: \r\n, \n and a lone \r all end a line.
  const pattern = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  for (let match = pattern.exec(content); match; match = pattern.exec(content)) {
    const [whole, text = '', eol = ''] = match;
    if (whole === '') break;
    lines.push({ text, eol });
  }
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  return lines.map((line) => line.text + line.eol).join('');
}

/** The line ending the file mostly uses, so added lines match it. */
export function dominantEol(lines: readonly Line[]): string {
  const count = (eol: string) => lines.filter((line) => line.eol === eol).length;
  const [lf, crlf, cr] = [count('\n'), count('\r\n'), count('\r')];
  if (crlf > lf && crlf >= cr) return '\r\n';
  return cr > lf ? '\r' : '\n';
}

export function isBlank(line: Line): boolean {
  return pyStrip(line.text) === '';
}

export function isComment(line: Line): boolean {
  return /^[#;]/.test(pyStrip(line.text));
}

/** A port of RawConfigParser._read over the file's lines; see the comment at the top. */
export function parseIni(text: string): IniFile {
  const lines = splitLines(text);
  const roles: LineRole[] = [];
  const sections: Section[] = [];
  const problems: IniProblem[] = [];
  const seenSections = new Map<string, number>();
  const seenKeys = new Map<string, number>();
  let section: Section | null = null;
  let key: KeyLine | null = null;
  // Each value's lines, joined once the whole file is read (as configparser does).
  const parts = new Map<KeyLine, string[]>();
  let indentLevel = 0;

  lines.forEach((line, index) => {
    const value = pyStrip(line.text);
    if (/^[#;]/.test(value)) {
      roles.push('comment');
      return;
    }
    if (value === '') {
      // Blank lines belong to the value being read (trailing ones are stripped at the end).
      if (section && key && key.key !== '') parts.get(key)?.push('');
      roles.push('blank');
      return;
    }
    const indent = leadingSpace(line.text).length;
    if (section && key && key.key !== '' && indent > indentLevel) {
      parts.get(key)?.push(value);
      key.end = index + 1;
      roles.push('continuation');
      return;
    }
    indentLevel = indent;
    const header = sectionPattern.exec(value)?.[1];
    if (header !== undefined) {
      if (section) section.end = index;
      const first = seenSections.get(header);
      if (first !== undefined) problems.push({ kind: 'duplicate-section', index, first, header });
      else if (header !== defaultSection) seenSections.set(header, index);
      section = { header, start: index, end: lines.length, keys: [] };
      sections.push(section);
      key = null;
      roles.push('header');
      return;
    }
    const option = section && optionPattern.exec(value);
    if (!section || !option) {
      problems.push({ kind: section ? 'parsing' : 'missing-section-header', index });
      roles.push('invalid');
      return;
    }
    const [, rawName = '', delimiter = '', rawValue = ''] = option;
    if (rawName === '') problems.push({ kind: 'parsing', index });
    // Python's str.lower(); the two differ only on letters newer than either's Unicode tables.
    const name = pyRstrip(rawName).toLowerCase();
    const seenAs = `${section.header}\n${name}`;
    const first = seenKeys.get(seenAs);
    if (first !== undefined) {
      problems.push({ kind: 'duplicate-option', index, first, header: section.header, key: name });
    } else seenKeys.set(seenAs, index);
    // Only white space lies between the name and the first delimiter after it.
    const delimiterAt = line.text.indexOf(delimiter, indent + rawName.length);
    const valueStart = delimiterAt + 1 + leadingSpace(line.text.slice(delimiterAt + 1)).length;
    key = { key: name, value: '', index, end: index + 1, valueStart };
    parts.set(key, [pyStrip(rawValue)]);
    section.keys.push(key);
    roles.push('key');
  });

  for (const [keyLine, valueLines] of parts) keyLine.value = pyRstrip(valueLines.join('\n'));
  return { lines, roles, sections, problems };
}

/**
 * The lines a setting occupies: its own and those continuing its value, with the blank lines
 * among them (configparser makes them part of the value). Comments among them are not included:
 * removing the setting leaves a person's notes where they were.
 */
export function keyLines(ini: IniFile, key: KeyLine): number[] {
  const indexes = [key.index];
  for (let index = key.index + 1; index < key.end; index++) {
    if (ini.roles[index] !== 'comment') indexes.push(index);
  }
  return indexes;
}

/** The index after the section's last non-blank line: where lines appended to it belong. */
export function contentEnd(lines: readonly Line[], section: Section): number {
  let end = section.end;
  while (end > section.start + 1 && lines[end - 1] && isBlank(lines[end - 1] as Line)) end--;
  return end;
}
