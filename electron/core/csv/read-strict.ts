/**
 * Reading RFC 4180 CSV strictly: anything a spreadsheet would have to guess about is refused, so a hand-off
 * never opens as something other than what was sealed.
 */

export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/**
 * Splits CSV text into records. Accepts CRLF or LF line ends, an optional final line end and a
 * leading byte-order mark (spreadsheet exports add one); refuses blank lines, a bare CR, a quote
 * inside an unquoted field, text after a closing quote, and an unterminated quote.
 */
export function parseCsvRecords(input: string): string[][] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  // Tells `""` (an empty value) apart from nothing at all (a blank line).
  let quoted = false;
  let line = 1;
  let i = 0;

  const endField = (): void => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    if (fields.length === 0 && field === '' && !quoted) {
      throw new CsvSyntaxError(line, `Line ${line} is blank.`);
    }
    endField();
    records.push(fields);
    fields = [];
    line += 1;
  };

  while (i < text.length) {
    const char = text.charAt(i);
    if (char === '"' && field === '' && !quoted) {
      // A quoted field runs to the next lone quote; a doubled quote stands for one quote.
      const startLine = line;
      quoted = true;
      i += 1;
      for (;;) {
        const inner = text[i];
        if (inner === undefined) {
          throw new CsvSyntaxError(
            startLine,
            `Line ${startLine} has a quote that is never closed.`,
          );
        }
        if (inner === '"') {
          if (text[i + 1] !== '"') break;
          i += 1;
        } else if (inner === '\n') {
          line += 1;
        }
        field += inner;
        i += 1;
      }
      i += 1;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(line, `Line ${line} has text after a closing quote.`);
      }
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] !== '\n') {
        throw new CsvSyntaxError(line, `Line ${line} ends with a bare carriage return.`);
      }
      endRecord();
      i += char === '\r' ? 2 : 1;
      continue;
    }
    if (char === '"') {
      throw new CsvSyntaxError(line, `Line ${line} has a quote inside a field that is not quoted.`);
    }
    field += char;
    i += 1;
  }
  // The final line end is optional; text without one still ends with a record.
  if (field !== '' || quoted || fields.length > 0) endRecord();
  return records;
}
