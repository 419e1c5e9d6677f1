import type { BridgeError } from '../../../../electron/common/errors';

/**
 * After a definite failure (an error notice shown for an action), pressing the same primary
 * button again rarely helps: it steps back to secondary, and the next useful step, when there is
 * one, becomes the primary button instead ("Copy a request for my admin" when AWS refused).
 */
export type Variant = 'primary' | 'secondary' | 'danger' | 'danger-outline' | 'quiet';

/** A button's look once its action has failed: a primary one steps back; red stays red. */
export function afterFailure(variant: Variant, failed: boolean): Variant {
  return failed && variant === 'primary' ? 'secondary' : variant;
}

export type NextStep = { kind: 'ask-admin'; action: string };

/** What an error notice offers as the next step by itself, or null. */
export function nextStepAfter(error: BridgeError | null): NextStep | null {
  const action = error?.details?.deniedAction;
  if (error?.code === 'access-denied' && action) return { kind: 'ask-admin', action };
  return null;
}
