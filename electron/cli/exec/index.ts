// `keyward exec`: run a command with a stored key's credentials in its environment.
export { childEnvironment, execMarker } from './child-environment';
export type { ExecIdentity } from './child-environment';
export { profileRegion } from './profile-region';
export type { ProfileRegion } from './profile-region';
export { runChild } from './run-child';
export type { ChildOutcome } from './run-child';
