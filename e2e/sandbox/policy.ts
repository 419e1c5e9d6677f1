import type { Permission } from './seed';

/** The request context keys the sandbox's policies test. */
export type ContextKey = 'aws:MultiFactorAuthPresent';

/**
 * What a request carries besides its action and resource. A key that is absent is absent from
 * the request too: aws:MultiFactorAuthPresent is, for long-term access keys.
 */
export type RequestContext = Readonly<Partial<Record<ContextKey, boolean>>>;

interface Statement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** `"Condition": { "Bool": { KEY: "true" } }`: a missing key fails it, as IAM evaluates Bool. */
  readonly whenTrue?: ContextKey;
}

export interface Policy {
  readonly id: string;
  /** SimulatePrincipalPolicy's SourcePolicyType. */
  readonly type: 'aws-managed' | 'user';
  readonly statements: readonly Statement[];
}

const OWN_USER = 'arn:aws:iam::*:user/${aws:username}';

const SELF_SERVICE_ACTIONS = [
  'iam:CreateAccessKey',
  'iam:DeleteAccessKey',
  'iam:GetAccessKeyLastUsed',
  'iam:GetUser',
  'iam:ListAccessKeys',
  'iam:UpdateAccessKey',
  'iam:TagUser',
  'iam:UntagUser',
  'iam:ListUserTags',
  'iam:ListMFADevices',
];

/** AWS's documented "manage your own access keys" inline policy, widened to tags and MFA devices. */
const selfManageAccessKeys: Policy = {
  id: 'ManageOwnAccessKeys',
  type: 'user',
  statements: [{ actions: SELF_SERVICE_ACTIONS, resources: [OWN_USER] }],
};

/**
 * The same, only for requests signed with MFA session credentials. Listing one's own MFA devices
 * stays open, as in AWS's documented "MFA-authenticated users manage their own credentials"
 * policy, so a person can find the device to ask GetSessionToken with.
 */
const selfManageAccessKeysWithMfa: Policy = {
  id: 'ManageOwnAccessKeysWithMFA',
  type: 'user',
  statements: [
    {
      actions: SELF_SERVICE_ACTIONS,
      resources: [OWN_USER],
      whenTrue: 'aws:MultiFactorAuthPresent',
    },
    { actions: ['iam:ListMFADevices'], resources: [OWN_USER] },
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
  'self-mfa': [selfManageAccessKeysWithMfa],
  readonly: [iamReadOnlyAccess],
  none: [],
};

export interface Evaluation {
  readonly decision: 'allowed' | 'implicitDeny';
  readonly matched: readonly Policy[];
  /**
   * When denied: the context keys that statements for this action test and the request did not
   * carry, so that with them the answer might have been different.
   */
  readonly missingContextValues: readonly ContextKey[];
}

/**
 * Identity-policy evaluation as IAM does it for Allow-only policies: an action is allowed when a
 * statement matches the action (case-insensitively), the resource (case-sensitively) and its
 * condition, if it has one.
 */
export function evaluate(
  permission: Permission,
  userName: string,
  action: string,
  resource: string,
  context: RequestContext = {},
): Evaluation {
  const missing = new Set<ContextKey>();
  const matched = POLICIES[permission].filter((policy) =>
    policy.statements.some((statement) => {
      if (!statement.actions.some((pattern) => globMatch(pattern, action, true))) return false;
      if (statement.whenTrue !== undefined && context[statement.whenTrue] === undefined) {
        missing.add(statement.whenTrue);
      }
      return (
        statement.resources.some((pattern) =>
          globMatch(pattern.replaceAll('${aws:username}', userName), resource, false),
        ) &&
        (statement.whenTrue === undefined || context[statement.whenTrue] === true)
      );
    }),
  );
  const allowed = matched.length > 0;
  return {
    decision: allowed ? 'allowed' : 'implicitDeny',
    matched,
    missingContextValues: allowed ? [] : [...missing],
  };
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
