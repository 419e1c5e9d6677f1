import { describe, expect, it } from 'vitest';
import { parseCsv } from './read-report';
import { couldRunAsFormula, formatCsv, neutraliseFormula } from './write';

/**
 * How a spreadsheet program whose separator is `;` (as in much of Europe) cuts Keyward's
 * comma-separated lines: at every semicolon, quotes or not, when the quote is not at the cell start.
 */
function semicolonCells(csv: string): string[] {
  return csv.split('\r\n').flatMap((line) => line.split(';'));
}

/** Written apart from the code under test: what spreadsheets run as a formula. */
const runsAsFormula = (cell: string) => /^[ "]*[=+\-@\t\r＝＋－＠]/.test(cell);

describe('writing CSV', () => {
  it('quotes a field with a comma, a semicolon, a quote or a line break, and nothing else', () => {
    expect(formatCsv([['a,b', 'a;b', 'say "hi"', 'one\ntwo', 'cr\rhere', 'plain', '']])).toBe(
      '"a,b","a;b","say ""hi""","one\ntwo","cr\rhere",plain,\r\n',
    );
  });

  it('neutralises a formula at the start of a field and after every semicolon in it', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('/a;=cmd/')).toBe("/a;'=cmd/");
    expect(neutraliseFormula('x;+1;-1;@SUM(A1)')).toBe("x;'+1;'-1;'@SUM(A1)");
    expect(neutraliseFormula('x; =1')).toBe("x;' =1");
    expect(neutraliseFormula('x;"=1')).toBe(`x;'"=1`);
    expect(neutraliseFormula(' =1')).toBe("' =1");
    for (const safe of ['alice', 'a;b', 'a=b', 'a-b;c+d', '2025-01-01T00:00:00Z', '']) {
      expect(neutraliseFormula(safe)).toBe(safe);
    }
  });

  it('leaves no cell a spreadsheet would run, split at commas or at semicolons', () => {
    const fields = ['/a;=cmd/', '=HYPERLINK("http://x")', 'ok;@SUM(1)', 'x;"=1"', '-2+3', 'fine'];
    const written = fields.map(neutraliseFormula);
    const csv = formatCsv([written]);
    expect(parseCsv(csv)).toEqual([written]);
    for (const cell of [...written, ...semicolonCells(csv)])
      expect(runsAsFormula(cell)).toBe(false);
  });

  it('would show a formula cell to a semicolon spreadsheet without neutralising', () => {
    expect(semicolonCells(formatCsv([['ok', '/a;=cmd/']])).some(runsAsFormula)).toBe(true);
  });

  it('says which fields a spreadsheet could run as a formula', () => {
    for (const field of ['=1', '@x', 'CI;=cmd', 'CI; -1', '\t=1', '＝1']) {
      expect(couldRunAsFormula(field)).toBe(true);
    }
    for (const field of ['CI deploy', 'a;b', 'a = b', 'x-1', '']) {
      expect(couldRunAsFormula(field)).toBe(false);
    }
  });
});
