/**
 * Writing CSV, once, for the audit export and hand-off files: RFC 4180 quoting, and the formula
 * rule both need (what a spreadsheet would run as a formula).
 */

// Quoted: the comma Keyward separates with, the semicolon that spreadsheet programs in many
// European locales separate with instead, quotes and line breaks.
const needsQuoting = /[",;\r\n]/;

export function formatCsvField(value: string): string {
  return needsQuoting.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records end in CRLF, as RFC 4180 asks and spreadsheet programs expect. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return records.map((fields) => `${fields.map(formatCsvField).join(',')}\r\n`).join('');
}

// What makes a spreadsheet run a cell as a formula: = + - @ and the tab / carriage return that some
// programs strip before looking, plus the full-width forms some programs treat the same way;
// spaces and quotes in front of them may be stripped too.
const formulaStart = String.raw`[ "]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]`;

/**
 * Where a cell can begin inside one field: at its start, and after each semicolon. A spreadsheet
 * program whose separator is `;` opens Keyward's comma-separated file by splitting at every `;`;
 * the quotes around a field help only when the field begins the line, so "/a;=cmd/" in the middle
 * of a row would still give it a cell that starts with `=`.
 */
const cellStarts = new RegExp(String.raw`(^|;)(?=${formulaStart})`, 'g');

/** Whether a spreadsheet could run some cell of this field as a formula. */
export function couldRunAsFormula(field: string): boolean {
  return new RegExp(String.raw`(^|;)${formulaStart}`).test(field);
}

/**
 * OWASP's advice for CSV injection: a leading apostrophe makes spreadsheets show the cell as
 * text. Here it goes in front of every cell that could start a formula, the field's own start and
 * each one after a semicolon. IAM user names may start with = + - or @ and IAM paths may hold
 * `;=`, so this is not hypothetical.
 */
export function neutraliseFormula(field: string): string {
  return field.replace(cellStarts, "$1'");
}
