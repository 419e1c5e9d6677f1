import { describe, expect, it } from 'vitest';
import { adminPolicy, adminRequest } from './admin-request';

const alice = {
  accountId: '123456789012',
  arn: 'arn:aws:iam::123456789012:user/alice',
  userName: 'alice',
};

describe('a request for my admin', () => {
  it('says what to allow, for whom and why, in plain words, signed by Keyward', () => {
    const text = adminRequest({
      identity: alice,
      self: ['iam:CreateAccessKey'],
      others: [],
      why: 'AWS did not let you create an access key for alice.',
    });
    expect(text).toContain('- iam:CreateAccessKey (create access keys)');
    expect(text).toContain('For my AWS user alice (arn:aws:iam::123456789012:user/alice)');
    expect(text).toContain('in AWS account 123456789012');
    expect(text).toContain('Why: AWS did not let you create an access key for alice.');
    expect(text.trim().endsWith('Sent from Keyward')).toBe(true);
    expect(text).not.toContain('{');
    // It goes through the clipboard as plain text, whose size main bounds.
    expect(text.length).toBeLessThan(2000);
  });

  it('asks for other people’s keys apart from one’s own, and names every action once', () => {
    const text = adminRequest({
      identity: alice,
      self: ['iam:ListAccessKeys', 'iam:ListAccessKeys'],
      others: ['iam:ListUsers'],
      why: null,
    });
    expect(text.match(/iam:ListAccessKeys/g)).toHaveLength(1);
    expect(text).toContain('On my own keys:');
    expect(text).toContain('On other people’s keys:');
    expect(text).not.toContain('Why:');
  });

  it('gives the admin a policy for exactly those actions and users', () => {
    const policy = JSON.parse(
      adminPolicy({ identity: alice, self: ['iam:CreateAccessKey'], others: ['iam:ListUsers'] }),
    ) as { Statement: { Action: string[]; Resource: string }[] };
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['iam:CreateAccessKey'],
        Resource: 'arn:aws:iam::123456789012:user/alice',
      },
      { Effect: 'Allow', Action: ['iam:ListUsers'], Resource: 'arn:aws:iam::123456789012:user/*' },
    ]);
  });
});
