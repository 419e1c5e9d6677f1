import type { Permission } from './seed';

interface Statement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

export interface Policy {
  readonly id: string;
  /** SimulatePrincipalPolicy's SourcePolicyType. */
  readonly type: 'aws-managed' | 'user';
  readonly statements: readonly Statement[];
}

/** AWS's documented "manage your own access keys" inline policy, widened to the tag actions. */
const selfManageAccessKeys: Policy = {
  id: 'ManageOwnAccessKeys',
  type: 'user',
  statements: [
    {
      actions: [
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
        'iam:GetAccessKeyLastUsed',
        'iam:GetUser',
        'iam:ListAccessKeys',
        'iam:UpdateAccessKey',
        'iam:TagUser',
        'iam:UntagUser',
        'iam:ListUserTags',
      ],
      resources: ['arn:aws:iam::*:user/${aws:username}'],
    },
  ],
};

const iamReadOnlyAccess: Policy = {
  id: 'IAMReadOnlyAccess',
  type: 'aws-managed',
  statements: [
    {
      actions: [
        'iam:GenerateCredentialReport',
        'iam:GenerateServiceLastAccessedDetails',
        'iam:Get*',
        'iam:List*',
        'iam:SimulateCustomPolicy',
        'iam:SimulatePrincipalPolicy',
      ],
      resources: ['*'],
    },
  ],
};

const administratorAccess: Policy = {
  id: 'AdministratorAccess',
  type: 'aws-managed',
  statements: [{ actions: ['*'], resources: ['*'] }],
};

const POLICIES: Readonly<Record<Permission, readonly Policy[]>> = {
  admin: [administratorAccess],
  self: [selfManageAccessKeys],
  readonly: [iamReadOnlyAccess],
  none: [],
};

export interface Evaluation {
  readonly decision: 'allowed' | 'implicitDeny';
  readonly matched: readonly Policy[];
}

/**
 * Identity-policy evaluation as IAM does it for Allow-only policies: an action is allowed when a
 * statement matches both the action (case-insensitively) and the resource (case-sensitively).
 */
export function evaluate(
  permission: Permission,
  userName: string,
  action: string,
  resource: string,
): Evaluation {
  const matched = POLICIES[permission].filter((policy) =>
    policy.statements.some(
      (statement) =>
        statement.actions.some((pattern) => globMatch(pattern, action, true)) &&
        statement.resources.some((pattern) =>
          globMatch(pattern.replaceAll('${aws:username}', userName), resource, false),
        ),
    ),
  );
  return { decision: matched.length > 0 ? 'allowed' : 'implicitDeny', matched };
}

function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}
