export {
  startSandbox,
  SANDBOX_REGION,
  type Sandbox,
  type SandboxCredentials,
  type SandboxFaults,
  type SandboxOptions,
  type SandboxStats,
} from './sandbox';
export { defaultSeed, generateSeed, type GenerateSeedOptions } from './generate-seed';
export {
  parseSeed,
  SeedError,
  type Permission,
  type SandboxSeed,
  type SeedAccessKey,
  type SeedTag,
  type SeedUser,
} from './seed';
export { CREDENTIAL_REPORT_COLUMNS } from './credential-report';
export type { FailureMode, RateLimit } from './faults';
export type { AccessKeyRecord, LastUsed, SandboxState, SessionRecord, UserRecord } from './state';
export type { Tag } from './tags';
