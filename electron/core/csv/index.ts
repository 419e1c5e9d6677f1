// CSV, once: writing (quoting, formula neutralising) and reading, leniently for AWS's credential
// report and strictly for hand-off files.
export { CsvError, csvRecords, parseCsv } from './read-report';
export { CsvSyntaxError, parseCsvRecords } from './read-strict';
export { couldRunAsFormula, formatCsv, formatCsvField, neutraliseFormula } from './write';
