import {
  CreateUserCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
} from '@aws-sdk/client-iam';
import { describe, expect } from 'vitest';
import type { Sandbox } from './sandbox';
import { credentialReportHeader } from '../../testing/core/audit/report-columns';
import { awsError, iamClient, it } from './test-support';

const reportTime = (date: Date | undefined) =>
  date?.toISOString().replace(/\.\d{3}Z$/, '+00:00') ?? 'missing';

async function fetchReport(sandbox: Sandbox): Promise<Record<string, Record<string, string>>> {
  const { Content, ReportFormat, GeneratedTime } = await iamClient(sandbox).send(
    new GetCredentialReportCommand({}),
  );
  expect(ReportFormat).toBe('text/csv');
  expect(GeneratedTime).toBeInstanceOf(Date);
  const csv = new TextDecoder().decode(Content);
  const [header, ...rows] = csv.split('\n');
  expect(header).toBe(credentialReportHeader);
  const columns = (header ?? '').split(',');
  return Object.fromEntries(
    rows.map((row) => {
      const values = row.split(',');
      return [values[0] ?? '', Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']))];
    }),
  );
}

describe('credential report', () => {
  it('answers ReportNotPresent 410 before any report was generated', async ({ iam }) => {
    expect(await awsError(iam.send(new GetCredentialReportCommand({})))).toMatchObject({
      code: 'ReportNotPresent',
      status: 410,
      name: 'CredentialReportNotPresentException',
    });
  });

  it('starts generating on the first call and reports COMPLETE on the next', async ({ iam }) => {
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
  });

  it("delivers AWS's CSV: the root account, then every user's keys and their last use", async ({
    sandbox,
    iam,
  }) => {
    await iam.send(new GenerateCredentialReportCommand({}));
    const report = await fetchReport(sandbox);
    expect(Object.keys(report)).toEqual([
      '<root_account>',
      'admin',
      'alice',
      'auditor',
      'bob',
      'nobody',
    ]);
    expect(report['<root_account>']).toMatchObject({
      arn: 'arn:aws:iam::123456789012:root',
      password_enabled: 'not_supported',
      password_last_changed: 'not_supported',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
      cert_1_active: 'false',
    });

    const [aliceKey] = sandbox.state.keysOf('alice');
    expect(report.alice).toEqual({
      user: 'alice',
      arn: 'arn:aws:iam::123456789012:user/alice',
      user_creation_time: reportTime(sandbox.state.findUser('alice')?.createDate),
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      password_next_rotation: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_1_last_rotated: reportTime(aliceKey?.createDate),
      access_key_1_last_used_date: reportTime(aliceKey?.lastUsed?.date),
      access_key_1_last_used_region: 'eu-west-1',
      access_key_1_last_used_service: 's3',
      access_key_2_active: 'false',
      access_key_2_last_rotated: 'N/A',
      access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_region: 'N/A',
      access_key_2_last_used_service: 'N/A',
      cert_1_active: 'false',
      cert_1_last_rotated: 'N/A',
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    });
    // bob's older key is inactive and was used; the newer one is active and never used.
    expect(report.bob).toMatchObject({
      access_key_1_active: 'false',
      access_key_1_last_used_service: 'ec2',
      access_key_2_active: 'true',
      access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_service: 'N/A',
    });
  });

  it('reuses a report for four hours, then generates a fresh one', async ({ sandbox, iam }) => {
    await iam.send(new GenerateCredentialReportCommand({}));
    await iam.send(new CreateUserCommand({ UserName: 'newcomer' }));
    await iam.send(new GenerateCredentialReportCommand({}));
    expect(Object.keys(await fetchReport(sandbox))).not.toContain('newcomer');

    const stale = sandbox.state.credentialReport;
    if (!stale) throw new Error('expected a report');
    sandbox.state.credentialReport = {
      ...stale,
      generatedTime: new Date(Date.now() - 5 * 60 * 60 * 1000),
    };
    expect(await awsError(iam.send(new GetCredentialReportCommand({})))).toMatchObject({
      code: 'ReportExpired',
      status: 410,
    });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect(Object.keys(await fetchReport(sandbox))).toContain('newcomer');
  });

  it('takes the time IAM takes to make a report: INPROGRESS, and ReportInProgress until ready', async ({
    sandbox,
    iam,
  }) => {
    sandbox.state.credentialReportMakingMs = 60_000;
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
    expect(await awsError(iam.send(new GetCredentialReportCommand({})))).toMatchObject({
      code: 'ReportInProgress',
      status: 404,
    });
    sandbox.clock.advance(60_000);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    expect(Object.keys(await fetchReport(sandbox))).toContain('alice');
  });
});
