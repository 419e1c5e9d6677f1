import { describe, expect, it } from 'vitest';
import type { BridgeError } from '../../../../electron/common/errors';
import { afterFailure, nextStepAfter } from './next-step';

const refusal = (code: BridgeError['code'], deniedAction?: string): BridgeError => ({
  code,
  message: 'No.',
  hint: 'Ask.',
  ...(deniedAction ? { details: { deniedAction } } : {}),
});

describe('after a definite failure, the next useful step is the primary button', () => {
  it('demotes the button that failed, and only a primary one', () => {
    expect(afterFailure('primary', true)).toBe('secondary');
    expect(afterFailure('primary', false)).toBe('primary');
    expect(afterFailure('danger', true)).toBe('danger');
    expect(afterFailure('secondary', true)).toBe('secondary');
  });

  it('offers a request for the admin when AWS refused an action', () => {
    expect(nextStepAfter(refusal('access-denied', 'iam:CreateAccessKey'))).toEqual({
      kind: 'ask-admin',
      action: 'iam:CreateAccessKey',
    });
  });

  it('offers nothing of its own for other failures, or none', () => {
    expect(nextStepAfter(refusal('access-denied'))).toBeNull();
    expect(nextStepAfter(refusal('network'))).toBeNull();
    expect(nextStepAfter(null)).toBeNull();
  });
});
