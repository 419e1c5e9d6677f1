import { describe, expect, it } from 'vitest';
import {
  CredentialReportFormatError,
  indexCredentialReport,
  parseCredentialReport,
} from './credential-report';
import { parseCsv } from '../csv';
import { credentialReportHeader } from '../../../testing/core/audit/report-columns';

const now = Date.parse('2026-01-01T00:00:00Z');

const noKey = 'false,N/A,N/A,N/A,N/A';
const noCerts = 'false,N/A,false,N/A';

const report = [
  credentialReportHeader,
  // The root user: password columns IAM does not support for it, an active root key, MFA on.
  `<root_account>,arn:aws:iam::123456789012:root,2019-01-01T00:00:00+00:00,not_supported,` +
    `2025-12-30T08:00:00+00:00,not_supported,not_supported,true,` +
    `true,2020-01-01T00:00:00+00:00,2025-12-01T00:00:00+00:00,us-east-1,iam,${noKey},${noCerts}`,
  // A console user whose password use predates IAM's tracking (no_information), one key in use.
  `alice,arn:aws:iam::123456789012:user/alice,2024-01-01T00:00:00+00:00,true,no_information,` +
    `2024-01-02T00:00:00+00:00,N/A,false,` +
    `true,2025-12-21T09:30:00+00:00,2025-12-31T12:00:00+00:00,eu-west-1,s3,${noKey},${noCerts}`,
  // A name with a comma (IAM allows it), quoted as CSV requires; an inactive never-used key 1 and
  // an active key 2 last used by a service IAM reports no region for.
  `"ops,bot","arn:aws:iam::123456789012:user/system/ops,bot",2023-06-01T00:00:00+00:00,false,N/A,N/A,N/A,false,` +
    `false,2023-06-01T00:00:00+00:00,N/A,N/A,N/A,` +
    `true,2025-01-01T00:00:00+00:00,2025-09-01T00:00:00+00:00,N/A,sts,${noCerts}`,
  // Last use IAM has no information about.
  `bob,arn:aws:iam::123456789012:user/bob,2022-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,` +
    `true,2022-01-01T00:00:00+00:00,no_information,N/A,N/A,${noKey},${noCerts}`,
  // No keys at all; the documentation writes booleans in capitals.
  `carol,arn:aws:iam::123456789012:user/carol,2025-11-01T00:00:00+00:00,FALSE,N/A,N/A,N/A,TRUE,` +
    `FALSE,N/A,N/A,N/A,N/A,FALSE,N/A,N/A,N/A,N/A,FALSE,N/A,FALSE,N/A`,
].join('\n');

describe('reading IAM’s credential report', () => {
  const parsed = parseCredentialReport(report, now);

  it('keeps the root user out of the rows and reports its keys and MFA separately', () => {
    expect(parsed.users.map((user) => user.userName)).toEqual(['alice', 'ops,bot', 'bob', 'carol']);
    expect(parsed.rootAccount).toEqual({ activeKeys: 1, mfaActive: true });
  });

  it('reads a key in use: active, age from last rotation, last use with service and region', () => {
    const alice = parsed.users[0];
    expect(alice).toEqual({
      userName: 'alice',
      arn: 'arn:aws:iam::123456789012:user/alice',
      userCreated: '2024-01-01T00:00:00.000Z',
      keys: [
        {
          slot: 1,
          accessKeyId: null,
          active: true,
          lastRotated: '2025-12-21T09:30:00.000Z',
          ageDays: 10,
          lastUsed: {
            kind: 'used',
            date: '2025-12-31T12:00:00.000Z',
            service: 's3',
            region: 'eu-west-1',
          },
        },
      ],
    });
  });

  it('tells a never-used key (N/A) from one IAM has no information about (no_information)', () => {
    const [opsBot, bob] = [parsed.users[1], parsed.users[2]];
    expect(opsBot?.keys[0]).toMatchObject({ slot: 1, active: false, lastUsed: { kind: 'never' } });
    expect(bob?.keys[0]).toMatchObject({ slot: 1, active: true, lastUsed: { kind: 'unknown' } });
  });

  it('keeps a last use whose region IAM gives as N/A, with the region unknown', () => {
    expect(parsed.users[1]?.keys[1]).toMatchObject({
      slot: 2,
      active: true,
      ageDays: 365,
      lastUsed: { kind: 'used', service: 'sts', region: null },
    });
  });

  it('reads a user whose name contains a comma without shifting the columns', () => {
    expect(parsed.users[1]?.userName).toBe('ops,bot');
    expect(parsed.users[1]?.arn).toBe('arn:aws:iam::123456789012:user/system/ops,bot');
  });

  it('gives a user without keys no key rows, whatever case the booleans are in', () => {
    expect(parsed.users[3]?.keys).toEqual([]);
  });

  it('reads columns by name, so another order or an extra column changes nothing', () => {
    const records = parseCsv(report);
    const order = records[0]!.map((_, i) => i).reverse();
    const shuffled = records
      .map((record) => [...order.map((i) => record[i] ?? ''), 'extra'])
      .map((record, row) => (row === 0 ? [...record.slice(0, -1), 'some_new_column'] : record))
      .map((record) => record.map((cell) => (/[",]/.test(cell) ? `"${cell}"` : cell)).join(','))
      .join('\r\n');
    expect(parseCredentialReport(`\uFEFF${shuffled}\r\n`, now)).toEqual(parsed);
  });

  it('refuses a report without the columns the audit needs', () => {
    expect(() => parseCredentialReport('user,arn\nalice,arn:aws:iam::1:user/alice', now)).toThrow(
      CredentialReportFormatError,
    );
    expect(() => parseCredentialReport('', now)).toThrow(CredentialReportFormatError);
  });

  it('refuses a report with a column named like a secret rather than hold it', () => {
    const withSecret = report.replace('cert_2_last_rotated', 'secret_access_key');
    expect(() => parseCredentialReport(withSecret, now)).toThrow(/secret/);
  });
});

describe('a report indexed by user name (the People table’s first page)', () => {
  const parsed = parseCredentialReport(report, now);
  const index = indexCredentialReport(report, now);

  it('answers each user as the full parse does, by lower-cased name, quoted names included', () => {
    for (const user of parsed.users) {
      expect(index.get(user.userName.toLowerCase())).toEqual(user);
    }
    expect(index.get('OPS,BOT'.toLowerCase())?.userName).toBe('ops,bot');
  });

  it('has no root account row and no user it was not given', () => {
    expect(index.get('<root_account>')).toBeUndefined();
    expect(index.get('dave')).toBeUndefined();
  });

  it('refuses the reports the full parse refuses, before any user is asked for', () => {
    expect(() => indexCredentialReport('user,arn\nalice,arn:aws:iam::1:user/alice', now)).toThrow(
      CredentialReportFormatError,
    );
    expect(() =>
      indexCredentialReport(report.replace('cert_2_last_rotated', 'secret_access_key'), now),
    ).toThrow(/secret/);
  });
});

describe('CSV as IAM and spreadsheets write it', () => {
  it('reads quoted fields with doubled quotes and line breaks, and CRLF or LF line ends', () => {
    expect(parseCsv('a,"b ""quoted""","multi\r\nline"\r\nc,,\n\nd')).toEqual([
      ['a', 'b "quoted"', 'multi\r\nline'],
      ['c', '', ''],
      ['d'],
    ]);
  });

  it('refuses a quote that never ends', () => {
    expect(() => parseCsv('a,"b\nc')).toThrow(/never ends/);
  });
});
