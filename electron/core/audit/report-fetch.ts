import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { setTimeout as sleep } from 'node:timers/promises';
import { awsErrorCode, isAccessDenied } from '../aws/aws-errors';
import { AppError } from '../errors';
import type { AuditProgress } from '../../common/audit';
import { pacedRequest, type Pacing } from './paced-request';
import { takeReportContent, type ReportContent } from './report-content';

export interface FetchedReport {
  csv: string;
  generatedAt: string;
}

/** IAM prepares a report in seconds; this long means something is wrong on AWS's side. */
const giveUpAfterMs = 5 * 60_000;

export interface FetchOptions {
  /**
   * Also ask at once for the report IAM already has (it keeps one for four hours, and answers
   * GenerateCredentialReport with that same report), so a table opened again is not one round
   * trip plus a poll behind. Costs one request when there is none.
   */
  readExistingAtOnce?: boolean;
}

/**
 * The account's credential report: the one IAM already has, or a new one. With
 * `readExistingAtOnce` the report IAM has is read alongside the first GenerateCredentialReport,
 * and the generating stops as soon as that read succeeds.
 */
export async function fetchCredentialReport(
  iam: IAMClient,
  pacing: Pacing,
  report: (progress: Omit<AuditProgress, 'slowedDown'>) => void,
  options: FetchOptions = {},
): Promise<FetchedReport> {
  if (!options.readExistingAtOnce) return generateAndDownload(iam, pacing, report, null);
  // Anything but a report (none yet, expired, refused, failed) leaves it to the generating.
  const existing = download(iam, pacing).catch(() => null);
  const stopGenerating = new AbortController();
  const generating = generateAndDownload(
    iam,
    { ...pacing, signal: AbortSignal.any([pacing.signal, stopGenerating.signal]) },
    report,
    existing,
  );
  // Answered below, or given up when the existing report is enough.
  generating.catch(() => undefined);
  const found = await existing;
  if (found) {
    stopGenerating.abort();
    return found;
  }
  return generating;
}

/**
 * GenerateCredentialReport until IAM says COMPLETE, then GetCredentialReport. IAM's first answer
 * is STARTED even when the report is ready at once, so the first poll comes quickly and later
 * ones back off (0.1 s, 0.2 s, … up to 2 s) to keep the number of requests small either way.
 */
async function generateAndDownload(
  iam: IAMClient,
  pacing: Pacing,
  report: (progress: Omit<AuditProgress, 'slowedDown'>) => void,
  /** The report IAM already had, when it is being read alongside: never downloaded twice. */
  existing: Promise<FetchedReport | null> | null,
): Promise<FetchedReport> {
  const { signal } = pacing;
  const started = performance.now();
  for (let poll = 0; ; poll++) {
    report({ phase: 'generating-report', done: poll, total: null });
    let state: string | undefined;
    try {
      const answer = await pacedRequest(pacing, () =>
        iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal }),
      );
      state = answer.State;
    } catch (error) {
      // Someone allowed only to read reports can still use one generated in the last four hours.
      if (poll > 0 || !isAccessDenied(error)) throw error;
      report({ phase: 'downloading-report', done: 0, total: 1 });
      const existing = await download(iam, pacing).catch(() => null);
      if (existing) return existing;
      throw error;
    }
    if (state === 'COMPLETE') {
      report({ phase: 'downloading-report', done: 0, total: 1 });
      const fetched = (await existing) ?? (await download(iam, pacing));
      if (fetched) return fetched;
      // Expired or gone between the two calls: asking to generate again starts a new one.
    }
    if (performance.now() - started > giveUpAfterMs) {
      throw new AppError(
        'aws-failure',
        'AWS took too long to prepare the credential report.',
        'Try the audit again in a few minutes.',
      );
    }
    await sleep(Math.min(2_000, 100 * 2 ** poll), undefined, { signal });
  }
}

async function download(iam: IAMClient, pacing: Pacing): Promise<FetchedReport | null> {
  const content: ReportContent = { bytes: null };
  const command = new GetCredentialReportCommand({});
  command.middlewareStack.add(takeReportContent(content), {
    step: 'deserialize',
    // Below the SDK's deserializer, so it sees the raw answer first.
    priority: 'low',
    name: 'keywardTakeReportContent',
  });
  try {
    const answer = await pacedRequest(pacing, () => {
      content.bytes = null;
      return iam.send(command, { abortSignal: pacing.signal });
    });
    return {
      csv: decodeUtf8(content.bytes ?? answer.Content ?? new Uint8Array()),
      generatedAt: (answer.GeneratedTime ?? new Date()).toISOString(),
    };
  } catch (error) {
    const code = awsErrorCode(error);
    if (
      code === 'ReportInProgress' ||
      code === 'ReportExpired' ||
      code === 'ReportNotPresent' ||
      code === 'CredentialReportNotReadyException' ||
      code === 'CredentialReportExpiredException' ||
      code === 'CredentialReportNotPresentException'
    ) {
      return null;
    }
    throw error;
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
