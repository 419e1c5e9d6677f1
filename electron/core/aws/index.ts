// The parts of Keyward that load the AWS SDK. Keyward imports this folder lazily, so the window
// and `keyward credential-process` start without paying for the SDK.
export { deleteAccessKey, listAccessKeys, setKeyStatus } from './access-keys';
export { isKeyRefused } from './aws-errors';
export { listAwsProfiles } from './aws-profiles';
export { writeDescription } from './key-descriptions';
export { PermissionTracker } from './permissions';
export { signIn } from './session';
export type { SignedIn } from './session';
export { listUsersPage } from './users';
export { createAccessKey } from './create-access-key';
export { verifyAccessKey } from './verify-key';
export type { VerifiedKey } from './verify-key';
export { checkStoredKey } from './check-stored-key';
export {
  deleteUser,
  hasConsolePassword,
  listGroupsOf,
  listMfaDevices,
  removeConsolePassword,
  removeFromGroup,
  removeMfaDevice,
} from './person-access';
