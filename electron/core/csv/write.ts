/**
 * Writing CSV, once, for the audit export and hand-off files: RFC 4180 quoting, and the formula
 * rule both need (what a spreadsheet would run as a formula).
 */

const needsQuoting = /[",\r\n]/;

export function formatCsvField(value: string): string {
  return needsQuoting.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records end in CRLF, as RFC 4180 asks and spreadsheet programs expect. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return records.map((fields) => `${fields.map(formatCsvField).join(',')}\r\n`).join('');
}

// Cells a spreadsheet would run as a formula: = + - @ and the tab / carriage return that some
// programs strip before looking, plus the full-width forms some programs treat the same way.
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Whether a spreadsheet would run this cell as a formula. */
export function startsLikeFormula(cell: string): boolean {
  return formulaStart.test(cell);
}

/**
 * OWASP's advice for CSV injection: a leading apostrophe makes spreadsheets show the cell as
 * text. IAM user names may start with = + - or @, so this is not hypothetical.
 */
export function neutraliseFormula(cell: string): string {
  return startsLikeFormula(cell) ? `'${cell}` : cell;
}
