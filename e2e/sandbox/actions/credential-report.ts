import { buildCredentialReport } from '../credential-report';
import { isoSeconds } from '../dates';
import { AwsError } from '../errors';
import { el } from '../xml';
import { authorize, type ActionHandler } from './context';

/** IAM reuses a report for four hours before it generates a new one. */
const REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000;

export const generateCredentialReport: ActionHandler = (context) => {
  const { state, now } = context;
  authorize(context, 'iam:GenerateCredentialReport', '*');
  const current = state.credentialReport;
  if (current && now.getTime() - current.generatedTime.getTime() < REPORT_LIFETIME_MS) {
    const making = current.readyAt !== undefined && now < current.readyAt;
    return [el('State', making ? 'INPROGRESS' : 'COMPLETE')];
  }
  // The report is the account as it was when IAM started making it; the first answer says
  // STARTED even when it is ready at once, as IAM's does.
  state.credentialReport = {
    generatedTime: now,
    content: buildCredentialReport(state),
    readyAt: new Date(now.getTime() + state.credentialReportMakingMs),
  };
  return [
    el('State', 'STARTED'),
    el('Description', 'No report exists. Starting a new report generation task'),
  ];
};

export const getCredentialReport: ActionHandler = (context) => {
  const { state, now } = context;
  authorize(context, 'iam:GetCredentialReport', '*');
  const report = state.credentialReport;
  if (!report) {
    throw new AwsError(
      'ReportNotPresent',
      410,
      'Credential report not present. Use GenerateCredentialReport to generate one.',
    );
  }
  if (report.readyAt !== undefined && now < report.readyAt) {
    throw new AwsError(
      'ReportInProgress',
      404,
      'Credential report is being generated. Try again later.',
    );
  }
  if (now.getTime() - report.generatedTime.getTime() >= REPORT_LIFETIME_MS) {
    throw new AwsError(
      'ReportExpired',
      410,
      'Credential report has expired. Use GenerateCredentialReport to generate a new one.',
    );
  }
  return [
    el('Content', Buffer.from(report.content, 'utf8').toString('base64')),
    el('ReportFormat', 'text/csv'),
    el('GeneratedTime', isoSeconds(report.generatedTime)),
  ];
};
