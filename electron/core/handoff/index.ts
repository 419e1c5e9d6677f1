export { maxHandoffFileBytes, maxScryptWorkFactor } from './age-envelope';
export {
  ensureDeviceIdentity,
  getReceivingCode,
  handoffIdentityAccount,
  readDeviceIdentity,
} from './device-identity';
export {
  formatHandoffCsv,
  maxDescriptionLength,
  maxHandoffKeys,
  parseHandoffCsv,
  summarizeHandoff,
} from './handoff-csv';
export type { ConsoleKey, HandoffContents, HandoffKey, HandoffKeySummary } from './handoff-csv';
export { HandoffError, explainHandoffProblem } from './handoff-error';
export type { HandoffProblem } from './handoff-error';
export { inspectHandoff, openHandoff, sealHandoff } from './handoff-file';
export type { HandoffInfo, HandoffLock, OpenHandoffOptions, OpenedHandoff } from './handoff-file';
export { generatePassphrase, minGeneratedWords } from './passphrase';
export type { GeneratedPassphrase } from './passphrase';
export {
  assertStrongPassphrase,
  checkPassphraseStrength,
  minPassphraseBits,
  minPassphraseLength,
} from './passphrase-strength';
export type { PassphraseStrength, WeakPassphraseProblem } from './passphrase-strength';
export { readKeyFile } from './read-key-file';
export { maxReceivingCodes, parseReceivingCodes } from './receiving-codes';
