import { SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import type { Identity, KeywardAction, Permission, Permissions } from '../../common/domain';
import { keywardActions } from '../../common/domain';
import type { AwsClients } from './aws-clients';
import { isAccessDenied, translateAwsError } from './aws-errors';

/** What people managing their own keys use: the policy below's "*AccessKey*" actions, and GetUser. */
const selfServiceActions: readonly KeywardAction[] = keywardActions.filter(
  (action) => action === 'iam:GetUser' || action.includes('AccessKey'),
);

/** AWS's documented policy for people managing their own keys; what to ask an admin for. */
export const selfManagementPolicy =
  'the AWS policy that lets people manage their own access keys (AWS calls it self-management of access keys: "iam:*AccessKey*" on "arn:aws:iam::*:user/${aws:username}")';

/**
 * What the signed-in identity may do, from a policy simulation where it may run one. Where it may
 * not (most people may not simulate their own policies), everything starts as "unknown" and is
 * learned from what AWS allows or refuses as Keyward is used.
 */
export class PermissionTracker {
  readonly #identity: Identity;
  readonly #clients: AwsClients;
  #permissions: Permissions;

  constructor(identity: Identity, clients: AwsClients) {
    this.#identity = identity;
    this.#clients = clients;
    this.#permissions = {
      self: allUnknown(),
      others: allUnknown(),
      learnedFrom: 'observed',
      suggestion: null,
    };
  }

  get current(): Permissions {
    return structuredClone(this.#permissions);
  }

  async refresh(): Promise<Permissions> {
    const policySource = policySourceArn(this.#identity.arn);
    if (!policySource) return this.current;
    try {
      const self = this.#identity.userName
        ? await this.#simulate(
            policySource,
            userArn(this.#identity.accountId, this.#identity.userName),
          )
        : allUnknown();
      // A user name IAM never allows, so only policies on "every user" can match it.
      const others = await this.#simulate(
        policySource,
        userArn(this.#identity.accountId, 'keyward-any-other-user'),
      );
      this.#permissions = { self, others, learnedFrom: 'simulation', suggestion: null };
    } catch (error) {
      if (!isAccessDenied(error))
        throw translateAwsError(error, { doing: 'check your permissions' });
    }
    this.#permissions.suggestion = suggestionFor(this.#permissions.self);
    return this.current;
  }

  /** Records what AWS just did with an action, on the caller's own user or another one. */
  observe(action: KeywardAction, targetUser: string | null, outcome: Permission): void {
    const onSelf = targetUser === null || targetUser === this.#identity.userName;
    const side = onSelf ? this.#permissions.self : this.#permissions.others;
    side[action] = outcome;
    this.#permissions.suggestion = suggestionFor(this.#permissions.self);
  }

  async #simulate(
    policySource: string,
    resource: string,
  ): Promise<Record<KeywardAction, Permission>> {
    const result = allUnknown();
    const answer = await this.#clients.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: policySource,
        ActionNames: [...keywardActions],
        ResourceArns: [resource],
      }),
    );
    for (const evaluation of answer.EvaluationResults ?? []) {
      const action = keywardActions.find((a) => a === evaluation.EvalActionName);
      if (action) result[action] = evaluation.EvalDecision === 'allowed' ? 'allowed' : 'denied';
    }
    return result;
  }
}

function allUnknown(): Record<KeywardAction, Permission> {
  return Object.fromEntries(keywardActions.map((action) => [action, 'unknown'])) as Record<
    KeywardAction,
    Permission
  >;
}

function suggestionFor(self: Record<KeywardAction, Permission>): string | null {
  return selfServiceActions.some((action) => self[action] === 'denied')
    ? `Ask your AWS administrator to attach ${selfManagementPolicy}.`
    : null;
}

function userArn(accountId: string, userName: string): string {
  return `arn:aws:iam::${accountId}:user/${userName}`;
}

/** Simulation needs the IAM principal: a user as is, an assumed-role session as its role. */
export function policySourceArn(callerArn: string): string | null {
  if (/^arn:aws[\w-]*:iam::\d{12}:user\//.test(callerArn)) return callerArn;
  const role = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(callerArn);
  return role ? `arn:${role[1] ?? 'aws'}:iam::${role[2] ?? ''}:role/${role[3] ?? ''}` : null;
}
