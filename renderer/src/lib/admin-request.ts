import type { Identity, KeywardAction } from '../../../electron/common/domain';

/**
 * "Copy a request for my admin": what a person stuck on a missing permission sends whoever runs
 * their AWS account. A plain message (what to allow, for whom, why) they can paste into an email
 * or chat as it is, and the policy an admin can attach, for "Details for your admin". Neither
 * holds anything secret: IAM action names, a user name and its ARN.
 */

/** Every action Keyward uses, in plain words; the Record type makes a missing one an error. */
export const actionText: Record<KeywardAction, string> = {
  'iam:ListUsers': 'See the list of people in the account',
  'iam:GetUser': 'See a person’s details',
  'iam:ListAccessKeys': 'See access keys',
  'iam:CreateAccessKey': 'Create access keys',
  'iam:UpdateAccessKey': 'Activate or deactivate keys',
  'iam:DeleteAccessKey': 'Delete keys',
  'iam:GetAccessKeyLastUsed': 'See when keys were last used',
  'iam:TagUser': 'Write key descriptions',
  'iam:UntagUser': 'Remove key descriptions',
  'iam:GenerateCredentialReport': 'Prepare the account-wide key report',
  'iam:GetCredentialReport': 'Read the account-wide key report',
  'iam:ListUserTags': 'Read a person’s key descriptions and published receiving code',
  'iam:GetLoginProfile': 'See whether a person has a console password',
  'iam:DeleteLoginProfile': 'Remove a person’s console password',
  'iam:ListMFADevices': 'See a person’s MFA devices',
  'iam:DeactivateMFADevice': 'Turn off a person’s MFA device',
  'iam:DeleteVirtualMFADevice': 'Delete a person’s virtual MFA device',
  'iam:ListGroupsForUser': 'See a person’s groups',
  'iam:RemoveUserFromGroup': 'Remove a person from a group',
  'iam:DeleteUser': 'Delete a person’s IAM user',
};

type Who = Pick<Identity, 'accountId' | 'arn' | 'userName'>;

interface Wanted {
  identity: Who;
  /** Actions refused on the person's own user. */
  self: readonly string[];
  /** Actions refused on other people's users (an admin's work). */
  others: readonly string[];
}

function plainAction(action: string): string {
  const text = (actionText as Record<string, string | undefined>)[action];
  return text ? `${action} (${text.charAt(0).toLowerCase()}${text.slice(1)})` : action;
}

const unique = (actions: readonly string[]): string[] => [...new Set(actions)];

export function adminRequest(wanted: Wanted & { why: string | null }): string {
  const { identity } = wanted;
  const self = unique(wanted.self);
  const others = unique(wanted.others);
  const list = (actions: string[]) => actions.map((action) => `- ${plainAction(action)}`);
  const who = identity.userName
    ? `For my AWS user ${identity.userName} (${identity.arn})`
    : `For my AWS sign-in ${identity.arn}`;
  const lines = [
    'Hello,',
    '',
    'Could you allow these AWS actions for me, so I can look after my access keys in Keyward?',
    '',
    ...(others.length === 0
      ? list(self)
      : [
          ...(self.length > 0 ? ['On my own keys:', ...list(self), ''] : []),
          'On other people’s keys:',
          ...list(others),
        ]),
    '',
    `${who}, in AWS account ${identity.accountId}.`,
    ...(wanted.why ? [`Why: ${wanted.why}`] : []),
    '',
    'Keyward shows the exact policy under “Details for your admin” if you want it.',
    '',
    'Thank you!',
    '',
    'Sent from Keyward',
  ];
  return lines.join('\n');
}

/** The IAM policy that allows exactly what is asked for: one's own user, or every user. */
export function adminPolicy(wanted: Wanted): string {
  const { identity } = wanted;
  const account = `arn:aws:iam::${identity.accountId}`;
  const statements = [
    {
      actions: unique(wanted.self),
      resource: identity.userName ? identity.arn : `${account}:user/*`,
    },
    { actions: unique(wanted.others), resource: `${account}:user/*` },
  ]
    .filter((statement) => statement.actions.length > 0)
    .map((statement) => ({
      Effect: 'Allow',
      Action: statement.actions,
      Resource: statement.resource,
    }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}
