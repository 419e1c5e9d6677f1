/**
 * The AWS shared config and credentials files as lines, so that an edit touches only the lines
 * it means to and every other byte (comments, order, spacing, line endings) stays as it was.
 * This is deliberately not a parser that re-serialises: AWS's files are edited by people.
 */

export interface Line {
  /** The line without its ending. */
  text: string;
  /** '\n', '\r\n', or '' for a last line without one. */
  eol: string;
}

export interface Section {
  /** What is between the brackets, trimmed, e.g. "profile work" or "default". */
  header: string;
  /** Index of the header line. */
  start: number;
  /** Index of the next section's header, or the number of lines. */
  end: number;
}

export interface KeyLine {
  /** Lower-cased, as the AWS CLI's parser (Python's configparser) compares names. */
  key: string;
  value: string;
  /** Index of the `key = value` line. */
  index: number;
  /** One past its last continuation line (indented lines below it belong to it). */
  end: number;
}

export function splitLines(content: string): Line[] {
  if (content === '') return [];
  const lines: Line[] = [];
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
  const crlf = lines.filter((line) => line.eol === '\r\n').length;
  const lf = lines.filter((line) => line.eol === '\n').length;
  return crlf > lf ? '\r\n' : '\n';
}

export function isBlank(line: Line): boolean {
  return line.text.trim() === '';
}

export function isComment(line: Line): boolean {
  return /^\s*[#;]/.test(line.text);
}

const indented = /^[ \t]/;

function headerOf(line: Line): string | null {
  // configparser matches `[` … `]` on the stripped line; what follows the last `]` is ignored.
  const match = /^\s*\[(.+)\]/.exec(line.text);
  return match?.[1] ? match[1].trim() : null;
}

export function sectionsOf(lines: readonly Line[]): Section[] {
  const sections: Section[] = [];
  let afterKey = false;
  lines.forEach((line, index) => {
    if (isBlank(line) || isComment(line)) return;
    // An indented line after a key continues that key's value (nested settings such as s3 = …).
    if (afterKey && indented.test(line.text)) return;
    const header = headerOf(line);
    if (header !== null) {
      const previous = sections.at(-1);
      if (previous) previous.end = index;
      sections.push({ header, start: index, end: lines.length });
      afterKey = false;
      return;
    }
    afterKey = true;
  });
  return sections;
}

/** The `key = value` lines of a section, with their continuation lines. */
export function keysOf(lines: readonly Line[], section: Section): KeyLine[] {
  const keys: KeyLine[] = [];
  for (let index = section.start + 1; index < section.end; index++) {
    const line = lines[index];
    if (!line || isBlank(line) || isComment(line)) continue;
    const last = keys.at(-1);
    // Only indented lines right below a key continue it; a blank line ends the value.
    if (last && indented.test(line.text) && last.end === index) {
      last.end = index + 1;
      continue;
    }
    const match = /^\s*([^=:\s][^=:]*?)\s*[=:]\s*(.*?)\s*$/.exec(line.text);
    if (!match?.[1]) continue;
    keys.push({ key: match[1].toLowerCase(), value: match[2] ?? '', index, end: index + 1 });
  }
  return keys;
}

/** The index after the section's last non-blank line: where lines appended to it belong. */
export function contentEnd(lines: readonly Line[], section: Section): number {
  let end = section.end;
  while (end > section.start + 1 && lines[end - 1] && isBlank(lines[end - 1] as Line)) end--;
  return end;
}
