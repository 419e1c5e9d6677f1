// The audit's public pieces. Nothing here loads the AWS SDK: `runAudit` imports it on first use,
// so Keyward can import this folder at start-up without slowing the first screen.
import type { AuditResult } from '../../common/audit';
import type { AuditHost, AuditOptions } from './run-audit';

export { auditCsvColumns, auditToCsv, exportAuditCsv } from './audit-export';
export { neutraliseFormula } from '../csv';
export { flagUsers, summarize } from './audit-flags';
export type { FlagRules } from './audit-flags';
export { AuditService, AuditStoppedBySwitch, isAuditCancelled } from './audit-service';
export * from '../../common/audit';
export { CredentialReportFormatError, parseCredentialReport } from './credential-report';
export type { AuditedUser, ParsedCredentialReport } from './credential-report';
export { SeenUsers } from './seen-users';
export type { AuditHost, AuditOptions } from './run-audit';

export async function runAudit(host: AuditHost, options?: AuditOptions): Promise<AuditResult> {
  return (await import('./run-audit')).runAudit(host, options);
}
