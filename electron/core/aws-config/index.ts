// Editing the AWS CLI's shared config and credentials files: point a profile at Keyward's
// credential_process, undo it, and move a plaintext key into the keychain.
export { awsFiles, backupSuffix } from './aws-files';
export type { AwsFiles } from './aws-files';
// Everything cli-profile exports is this folder's API: one list, kept there.
export * from './cli-profile';
export { credentialProcessCommand, isKeywardCommand } from './credential-process-command';
export { findPlaintextKey, importPlaintextProfile } from './import-profile';
export type { ImportHost, ImportResult, PlaintextKey } from './import-profile';
export { checkAwsProfileName } from './profile-names';
