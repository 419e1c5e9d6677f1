import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../csv';
import { formatHandoffCsv, maxHandoffKeys, parseHandoffCsv, summarizeHandoff } from './handoff-csv';
import type { HandoffKey } from './handoff-csv';
import { HandoffError } from './handoff-error';
import { sampleKey } from '../../../testing/core/handoff/sample-keys';

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof HandoffError) return `${error.reason}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

const header = 'Access key ID,Secret access key,User name,Account ID,Description,Created';
const key: HandoffKey = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  userName: 'alice',
  accountId: '123456789012',
  description: 'CI, "blue" stack',
  created: '2025-01-31T09:30:00Z',
};

describe('hand-off CSV', () => {
  it('starts with the IAM console’s columns, then Keyward’s, quoting only where needed', () => {
    expect(formatHandoffCsv([key])).toBe(
      `${header}\r\n` +
        'AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY,alice,123456789012,' +
        '"CI, ""blue"" stack",2025-01-31T09:30:00Z\r\n',
    );
  });

  it('reads back exactly what it wrote, for several keys', () => {
    const keys = [
      key,
      sampleKey({ description: '' }),
      sampleKey({ description: 'naïve “quotes” 🔑' }),
    ];
    expect(parseHandoffCsv(formatHandoffCsv(keys))).toEqual({ layout: 'keyward', keys });
  });

  it('opens the IAM console’s own two-column download, with or without a byte-order mark', () => {
    const consoleCsv = `Access key ID,Secret access key\n${key.accessKeyId},${key.secretAccessKey}\n`;
    const expected = {
      layout: 'iam-console',
      keys: [{ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }],
    };
    expect(parseHandoffCsv(consoleCsv)).toEqual(expected);
    expect(parseHandoffCsv(`\uFEFF${consoleCsv.trimEnd()}`)).toEqual(expected);
  });

  it('summarizes keys for a preview without their secrets', () => {
    const summary = summarizeHandoff(parseHandoffCsv(formatHandoffCsv([key])));
    expect(summary).toEqual([
      {
        accessKeyId: key.accessKeyId,
        userName: 'alice',
        accountId: '123456789012',
        description: key.description,
        created: key.created,
      },
    ]);
    expect(JSON.stringify(summary)).not.toContain(key.secretAccessKey);
  });

  it.each([
    ['a key id of the wrong shape', { accessKeyId: 'AKIA123' }, 'access key ID'],
    ['a key id that is not AKIA or ASIA', { accessKeyId: 'ABIAIOSFODNN7EXAMPLE' }, 'access key ID'],
    ['a short secret', { secretAccessKey: 'abc' }, 'secret access key'],
    ['a secret with a space', { secretAccessKey: `${'a'.repeat(39)} ` }, 'secret access key'],
    ['a user name with a space', { userName: 'alice smith' }, 'user name'],
    ['a 65-character user name', { userName: 'a'.repeat(65) }, 'user name'],
    ['an 11-digit account id', { accountId: '12345678901' }, 'account ID'],
    ['a description on two lines', { description: 'one\ntwo' }, 'line breaks'],
    ['a description with a bidi override', { description: 'abc\u202Edef' }, 'control'],
    ['a description of 257 characters', { description: 'x'.repeat(257) }, 'longer than 256'],
    ['a formula description', { description: '=HYPERLINK("http://x")' }, 'formula'],
    ['a description starting with @', { description: '@SUM(1)' }, 'formula'],
    ['a description starting with -', { description: '-2+3' }, 'formula'],
    ['a date that does not exist', { created: '2025-02-30T09:30:00Z' }, 'creation date'],
    ['a local time', { created: '2025-01-31T09:30:00+01:00' }, 'creation date'],
  ])('refuses to write %s', (_case, change, words) => {
    const refusal = reasonOf(() => formatHandoffCsv([{ ...key, ...change }]));
    expect(refusal).toMatch(/^invalid-key: Key 1 cannot be handed off/);
    expect(refusal).toContain(words);
  });

  it('refuses to write no keys, too many keys or the same key twice', () => {
    expect(reasonOf(() => formatHandoffCsv([]))).toMatch(/^invalid-key/);
    const many = Array.from({ length: maxHandoffKeys + 1 }, () => sampleKey());
    expect(reasonOf(() => formatHandoffCsv(many))).toContain(`at most ${maxHandoffKeys}`);
    expect(reasonOf(() => formatHandoffCsv([key, key]))).toContain('listed twice');
  });

  const row = formatHandoffCsv([key]).split('\r\n')[1] ?? '';
  const tenRows = formatHandoffCsv(Array.from({ length: 10 }, () => sampleKey()))
    .split('\r\n')
    .slice(1)
    .join('\r\n');
  it.each([
    ['nothing', '', 'contents are empty'],
    ['other columns', 'Name,Value\r\nx,y\r\n', 'expected columns'],
    ['a header only', `${header}\r\n`, 'list no keys'],
    [
      'a missing column',
      `${header}\r\n${row.replace(/,2025.*$/, '')}\r\n`,
      '5 columns instead of 6',
    ],
    ['an extra column', `${header}\r\n${row},extra\r\n`, '7 columns instead of 6'],
    ['a blank line', `${header}\r\n\r\n${row}\r\n`, 'Line 2 is blank'],
    ['a stray quote', `${header}\r\n${row.replace('"CI', 'CI"')}\r\n`, 'quote inside a field'],
    ['an unclosed quote', `${header}\r\n${row.replace('stack"', 'stack')}\r\n`, 'never closed'],
    [
      'text after a quote',
      `${header}\r\n${row.replace('stack"', 'stack"x')}\r\n`,
      'after a closing',
    ],
    ['a bare carriage return', `${header}\r${row}`, 'bare carriage return'],
    ['a duplicated key', `${header}\r\n${row}\r\n${row}\r\n`, 'listed again'],
    ['a formula description', `${header}\r\n${row.replace('"CI', '"=CI')}\r\n`, 'formula'],
    ['a bad secret', `Access key ID,Secret access key\nASIAIOSFODNN7EXAMPLE,short\n`, 'secret'],
    ['eleven keys', `${header}\r\n${tenRows}${row}\r\n`, 'more than 10 keys'],
    ['40 KiB of text', `${header}\r\n${'x'.repeat(40 * 1024)}`, 'too large'],
  ])('refuses contents with %s', (_case, text, words) => {
    const refusal = reasonOf(() => parseHandoffCsv(text));
    expect(refusal).toMatch(/^invalid-contents: /);
    expect(refusal).toContain(words);
  });

  it('names the row and the value that is wrong', () => {
    const text = formatHandoffCsv([key, sampleKey()]).replace(
      /,123456789012,(?!.*,123456789012,)/s,
      ',12345,',
    );
    expect(reasonOf(() => parseHandoffCsv(text))).toBe(
      'invalid-contents: In row 2 of this file, the account ID is not 12 digits.',
    );
  });

  it('parses RFC 4180 quoting: doubled quotes, commas and line ends inside quotes, empty quoted fields', () => {
    expect(parseCsvRecords('a,"b ""c"", d",""\n"x\r\ny",z')).toEqual([
      ['a', 'b "c", d', ''],
      ['x\r\ny', 'z'],
    ]);
    expect(parseCsvRecords('""\n')).toEqual([['']]);
  });

  it('quotes a description with a semicolon and reads it back exactly', () => {
    const keys = [sampleKey({ description: 'CI; blue stack' })];
    const text = formatHandoffCsv(keys);
    expect(text).toContain(',"CI; blue stack",');
    expect(parseHandoffCsv(text)).toEqual({ layout: 'keyward', keys });
  });

  it('refuses a description with a formula after a semicolon, in both directions', () => {
    // A spreadsheet that splits at semicolons would start a cell at "=cmd".
    const refusal = reasonOf(() => formatHandoffCsv([{ ...key, description: 'CI;=cmd' }]));
    expect(refusal).toMatch(/^invalid-key: Key 1 cannot be handed off: .*just after a semicolon/);
    expect(refusal).toContain('formula');
    const contents = `${header}\r\n${row.replace('"CI, ""blue"" stack"', '"CI;=cmd"')}\r\n`;
    expect(reasonOf(() => parseHandoffCsv(contents))).toMatch(/^invalid-contents: .*formula/);
  });
});
