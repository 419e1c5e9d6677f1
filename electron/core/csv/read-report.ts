/** Reading RFC 4180 CSV leniently, as IAM writes the credential report (and tests read exports). */

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * CSV text record by record. Accepts CRLF or LF, a final line end or none, and a byte-order mark;
 * blank lines are skipped. Quoted fields may hold commas, doubled quotes and line breaks: IAM user
 * names may contain commas, so a naive split would shift every later column. Unquoted fields are
 * sliced, not built a character at a time, and records are yielded as they are read, so a
 * 10,000-user report never exists twice in memory.
 */
export function* csvRecords(input: string): Generator<string[]> {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const length = text.length;
  let fields: string[] = [];
  let i = 0;
  while (i < length) {
    if (text.charCodeAt(i) === quote) {
      const quoted = readQuoted(text, i + 1);
      fields.push(quoted.value);
      i = quoted.next;
      if (i < length && !isSeparator(text.charCodeAt(i))) {
        throw new CsvError('Text follows a closing quote.');
      }
    } else {
      let end = i;
      while (end < length && !isSeparator(text.charCodeAt(end))) end += 1;
      fields.push(text.slice(i, end));
      i = end;
    }
    if (i < length && text.charCodeAt(i) === comma) {
      i += 1;
      // A comma at the very end still opens one last, empty field.
      if (i === length) fields.push('');
      if (i < length) continue;
    } else if (i < length) {
      i += text.charCodeAt(i) === cr && text.charCodeAt(i + 1) === lf ? 2 : 1;
    }
    if (!(fields.length === 1 && fields[0] === '')) yield fields;
    fields = [];
  }
}

/** Every record at once, for small inputs and tests. */
export function parseCsv(input: string): string[][] {
  return [...csvRecords(input)];
}

const quote = 34;
const comma = 44;
const lf = 10;
const cr = 13;
const isSeparator = (code: number) => code === comma || code === lf || code === cr;

function readQuoted(text: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start;
  for (;;) {
    const end = text.indexOf('"', i);
    if (end < 0) throw new CsvError('A quoted value never ends.');
    value += text.slice(i, end);
    if (text.charCodeAt(end + 1) === quote) {
      value += '"';
      i = end + 2;
    } else {
      return { value, next: end + 1 };
    }
  }
}
