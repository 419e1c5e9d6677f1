import type { Caller } from '../auth';
import { accessDenied, noSuchUser } from '../errors';
import { checkUserName, type QueryParams } from '../params';
import { evaluate, type RequestContext } from '../policy';
import type { SandboxState, UserRecord } from '../state';
import type { XmlElement } from '../xml';

export interface ActionContext {
  readonly state: SandboxState;
  readonly params: QueryParams;
  readonly caller: Caller;
  readonly now: Date;
  /** The region the request was signed for. */
  readonly region: string;
}

/** The children of `<XxxResult>`, or undefined for actions whose response has no Result element. */
export type ActionResult = readonly XmlElement[] | undefined;

export type ActionHandler = (context: ActionContext) => ActionResult;

/** Refuses the call unless the caller's permission level allows `action` on `resource`. */
export function authorize(context: ActionContext, action: string, resource: string): void {
  const { user } = context.caller;
  const evaluation = evaluate(
    user.permission,
    user.userName,
    action,
    resource,
    requestContext(context.caller),
  );
  if (evaluation.decision !== 'allowed') throw accessDenied(user.arn, action, resource);
}

/**
 * aws:MultiFactorAuthPresent is true for MFA session credentials, false for other sessions, and
 * absent for long-term access keys, as AWS sets it.
 */
export function requestContext(caller: Caller): RequestContext {
  return caller.session ? { 'aws:MultiFactorAuthPresent': caller.session.mfaAuthenticated } : {};
}

/**
 * The user an action targets: `UserName` when given, else the caller (as IAM does for its
 * self-service actions). Authorization comes before the lookup, so a caller may not probe for
 * users it cannot act on.
 */
export function targetUser(
  context: ActionContext,
  action: string,
  options: { defaultsToCaller: boolean },
): UserRecord {
  const { params, state, caller } = context;
  const userName = options.defaultsToCaller ? params.get('UserName') : params.require('UserName');
  if (userName === undefined) {
    authorize(context, action, caller.user.arn);
    return caller.user;
  }
  checkUserName(userName);
  const user = state.findUser(userName);
  authorize(context, action, user?.arn ?? state.userArn('/', userName));
  if (!user) throw noSuchUser(userName);
  return user;
}
