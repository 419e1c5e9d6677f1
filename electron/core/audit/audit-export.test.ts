import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed } from '../../../e2e/sandbox';
import type { SandboxSeed } from '../../../e2e/sandbox';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';
import { neutraliseFormula } from '../csv';
import { auditCsvColumns, auditToCsv } from './audit-export';
import { AuditService } from './audit-service';
import type { AuditResult } from '../../common/audit';
import { parseCsv } from '../csv';
import { refuseCredentialReport } from '../../../testing/core/audit/refuse-report';

// IAM user names may start with = + - or @, which spreadsheets treat as the start of a formula.
const formulaNames = ['=HYPERLINK', '+cmd', '-2', '@SUM'];

function seedWithFormulaNames(): SandboxSeed {
  const seed = defaultSeed();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  for (const userName of formulaNames) {
    const id = [...randomBytes(16)].map((byte) => alphabet[byte % 32]).join('');
    seed.users.push({
      userName,
      permission: 'none',
      accessKeys: [
        {
          accessKeyId: `AKIA${id}`,
          secretAccessKey: randomBytes(30).toString('base64'),
          status: 'Active',
          createDate: '2025-01-01T00:00:00Z',
        },
      ],
    });
  }
  return seed;
}

let f: KeywardFixture;
let audits: AuditService;

beforeAll(async () => {
  f = await startKeyward({ sandbox: { seed: seedWithFormulaNames() } });
  await f.signInAs('admin');
  audits = f.core.audit;
});

afterAll(async () => {
  await f.close();
});

async function exported(result: AuditResult | null): Promise<string> {
  expect(result).not.toBeNull();
  const file = path.join(f.platform.dataDir(), `audit-${randomBytes(4).toString('hex')}.csv`);
  f.platform.answerNextSave(file);
  expect(await audits.exportCsv()).toEqual({ path: file });
  return readFileSync(file, 'utf8');
}

describe('exporting the audit as CSV', () => {
  it('asks where to save and writes every user, with no secret in the file', async () => {
    refuseCredentialReport(f.core.session);
    const result = await audits.run();
    expect(result.source).toBe('per-user');
    const text = await exported(audits.last());

    expect(f.platform.dialogs.save.at(-1)).toMatchObject({
      defaultName: expect.stringMatching(
        /^keyward-audit-123456789012-\d{4}-\d{2}-\d{2}\.csv$/,
      ) as string,
      filters: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
    });
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...auditCsvColumns]);
    expect(rows).toHaveLength(f.sandbox.state.users.size);
    // The per-user audit knows key ids; none of the secrets may follow them into the file.
    for (const key of f.sandbox.state.accessKeys.values()) {
      expect(text).toContain(key.accessKeyId);
      expect(text).not.toContain(key.secretAccessKey);
    }
  });

  it('writes names that start like a formula so spreadsheets show them as text', async () => {
    const text = await exported(audits.last());
    const names = parseCsv(text).map((row) => row[0]);
    expect(names).toEqual(expect.arrayContaining(formulaNames.map((name) => `'${name}`)));
    expect(names.some((name) => name !== undefined && /^[=+\-@]/.test(name))).toBe(false);
  });

  it('writes nothing when the person cancels the save dialog', async () => {
    const before = f.platform.dialogs.save.length;
    f.platform.answerNextSave(null);
    expect(await audits.exportCsv()).toBeNull();
    expect(f.platform.dialogs.save.length).toBe(before + 1);
  });
});

describe('cells that must never reach a spreadsheet as they are', () => {
  it('neutralises every way a cell can start a formula', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '＝1']) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    }
    expect(neutraliseFormula('alice')).toBe('alice');
    expect(neutraliseFormula('2025-01-01T00:00:00.000Z')).toBe('2025-01-01T00:00:00.000Z');
  });

  it('refuses to write a row in which a secret access key appeared', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const result: AuditResult = {
      accountId: '123456789012',
      source: 'per-user',
      generatedAt: '2026-01-01T00:00:00.000Z',
      rows: [
        {
          userName: 'alice',
          arn: 'arn:aws:iam::123456789012:user/alice',
          userCreated: null,
          keys: [
            {
              slot: 1,
              accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
              active: true,
              lastRotated: null,
              ageDays: null,
              lastUsed: {
                kind: 'used',
                date: '2026-01-01T00:00:00Z',
                service: secret,
                region: null,
              },
            },
          ],
          flags: [],
        },
      ],
      summary: {} as AuditResult['summary'],
      requests: 0,
      durationMs: 0,
    };
    expect(() => auditToCsv(result)).toThrow(/secret/);
    const misplaced = structuredClone(result);
    const misplacedKey = misplaced.rows[0]!.keys[0]!;
    misplacedKey.lastUsed = { kind: 'never' };
    misplacedKey.accessKeyId = secret;
    expect(() => auditToCsv(misplaced)).toThrow(/secret/);
    misplacedKey.accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
    expect(auditToCsv(misplaced)).toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

describe('exporting an audit read from the credential report', () => {
  it('names each key so an admin can find it, though the report gives no key ids', async () => {
    const g = await startKeyward();
    try {
      await g.signInAs('admin');
      const service = g.core.audit;
      const result = await service.run();
      expect(result.source).toBe('credential-report');
      const [header, ...rows] = parseCsv(auditToCsv(result));
      const column = (name: string) => header?.indexOf(name) ?? -1;
      const bob = rows.find((row) => row[column('user')] === 'bob');
      const [older, newer] = g.sandbox.state.keysOf('bob');
      const day = (date: Date | undefined) => date?.toISOString().slice(0, 10) ?? '';
      expect(bob?.[column('access_key_1_last_rotated')]).toBe(older?.createDate.toISOString());
      expect(bob?.[column('explanation')]).toContain(
        `The older key (created ${day(older?.createDate)}) is deactivated`,
      );
      expect(bob?.[column('explanation')]).toContain(
        `The newer key (created ${day(newer?.createDate)}) is 120 days old`,
      );
      expect(rows.map((row) => row[column('explanation')]).join(' ')).not.toMatch(/\bKey [12]\b/);
    } finally {
      await g.close();
    }
  });
});

describe('exporting IAM paths that hold a semicolon', () => {
  // IAM paths may hold any printable character; spreadsheets in many European locales split a
  // CSV at semicolons, whatever the quotes around a field in the middle of a line.
  const row = (userName: string, iamPath: string): AuditResult['rows'][number] => ({
    userName,
    arn: `arn:aws:iam::123456789012:user${iamPath}${userName}`,
    userCreated: null,
    keys: [],
    flags: [],
  });
  const result: AuditResult = {
    accountId: '123456789012',
    source: 'per-user',
    generatedAt: '2026-01-01T00:00:00.000Z',
    rows: [row('alice', '/a;=cmd/'), row('bob', '/ops;@SUM(1); -2/')],
    summary: {} as AuditResult['summary'],
    requests: 0,
    durationMs: 0,
  };

  it('quotes the field and shows each piece after a semicolon as text', () => {
    const text = auditToCsv(result);
    expect(text.split('\r\n')[1]).toContain(`,"arn:aws:iam::123456789012:user/a;'=cmd/alice",`);
    const [, alice, bob] = parseCsv(text);
    expect(alice?.[1]).toBe("arn:aws:iam::123456789012:user/a;'=cmd/alice");
    expect(bob?.[1]).toBe("arn:aws:iam::123456789012:user/ops;'@SUM(1);' -2/bob");
  });

  it('leaves no cell that starts a formula when a spreadsheet splits it at semicolons', () => {
    const cells = auditToCsv(result)
      .split('\r\n')
      .flatMap((line) => line.split(';'));
    expect(cells.filter((cell) => /^[ "]*[=+\-@\t\r]/.test(cell))).toEqual([]);
  });
});
