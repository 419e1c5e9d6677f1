import { describe, expect, it } from 'vitest';
import { keywardActions } from '../../common/domain';
import type { KeywardAction } from '../../common/domain';
import { createAwsClients } from './aws-clients';
import { PermissionTracker, selfManagementPolicy } from './permissions';

/** A tracker for alice that has seen nothing yet (its clients are never used by `observe`). */
function aliceTracker(): PermissionTracker {
  const clients = createAwsClients({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'a'.repeat(40) },
  });
  return new PermissionTracker(
    {
      accountId: '123456789012',
      accountAlias: null,
      arn: 'arn:aws:iam::123456789012:user/alice',
      userName: 'alice',
      source: { kind: 'stored-key', profile: 'work' },
      accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
    },
    clients,
  );
}

/** Whether a refusal on the person's own user means they lack AWS's self-management policy. */
const selfManagement: [KeywardAction, boolean][] = [
  ['iam:ListUsers', false],
  ['iam:GetUser', true],
  ['iam:ListAccessKeys', true],
  ['iam:CreateAccessKey', true],
  ['iam:UpdateAccessKey', true],
  ['iam:DeleteAccessKey', true],
  ['iam:GetAccessKeyLastUsed', true],
  ['iam:TagUser', false],
  ['iam:UntagUser', false],
  ['iam:GenerateCredentialReport', false],
  ['iam:GetCredentialReport', false],
  ['iam:ListUserTags', false],
  ['iam:GetLoginProfile', false],
  ['iam:DeleteLoginProfile', false],
  ['iam:ListMFADevices', false],
  ['iam:DeactivateMFADevice', false],
  ['iam:DeleteVirtualMFADevice', false],
  ['iam:ListGroupsForUser', false],
  ['iam:RemoveUserFromGroup', false],
  ['iam:DeleteUser', false],
];

describe('the policy Keyward suggests asking for', () => {
  it.each(selfManagement)(
    'after %s is refused on the person’s own user: suggested %s',
    (action, suggested) => {
      const tracker = aliceTracker();
      tracker.observe(action, 'alice', 'denied');
      expect(tracker.current.suggestion).toBe(
        suggested ? `Ask your AWS administrator to attach ${selfManagementPolicy}.` : null,
      );
    },
  );

  it('is decided for every action Keyward uses', () => {
    expect(selfManagement.map(([action]) => action)).toEqual([...keywardActions]);
  });

  it('is not suggested when only other people’s keys are refused', () => {
    const tracker = aliceTracker();
    tracker.observe('iam:ListAccessKeys', 'bob', 'denied');
    expect(tracker.current.suggestion).toBeNull();
  });
});
