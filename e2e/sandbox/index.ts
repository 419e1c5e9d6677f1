export {
  startSandbox,
  SANDBOX_REGION,
  type Sandbox,
  type SandboxAccount,
  type SandboxCredentials,
  type SandboxFaults,
  type SandboxMfaDevice,
  type SandboxOptions,
  type SandboxStats,
} from './sandbox';
export {
  defaultSeed,
  generateSeed,
  otherAccountSeed,
  type GenerateSeedOptions,
} from './generate-seed';
export {
  parseSeed,
  SeedError,
  type Permission,
  type SandboxSeed,
  type SeedAccessKey,
  type SeedMfaDevice,
  type SeedTag,
  type SeedUser,
} from './seed';
export { CREDENTIAL_REPORT_COLUMNS } from './credential-report';
export type { FailureMode, RateLimit } from './faults';
export type { AccessKeyRecord, LastUsed, SandboxState, SessionRecord, UserRecord } from './state';
export type { SandboxClock } from './clock';
export type { Tag } from './tags';
