// Staged, resumable rotation of a stored profile's access key.
export { KeyRotation } from './key-rotation';
export type {
  FollowingSession,
  RollbackResult,
  RotationDeps,
  RotateOptions,
  RotationProgress,
  RotationResult,
  RotationStatus,
  RotationWatch,
} from './key-rotation';
export { RotationError, UnfinishedRotationError, describeKeys } from './rotation-error';
export type { RotationKeyState } from './rotation-error';
export { RotationStates, rotationSteps } from './rotation-state';
export type { RotationStep } from './rotation-state';
