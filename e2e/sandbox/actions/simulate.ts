import { invalidInput, missingMember, noSuchUser } from '../errors';
import { evaluate, type Policy, type RequestContext } from '../policy';
import type { QueryParams } from '../params';
import { el, memberList, type XmlElement } from '../xml';
import { authorize, type ActionHandler } from './context';

const USER_ARN = /^arn:aws:iam::(\d{12}):user(\/(?:[\u0021-\u007e]*\/)?)([\w+=,.@-]+)$/;

function matchedStatementsXml(matched: readonly Policy[]): XmlElement {
  return memberList(
    'MatchedStatements',
    matched.map((policy) => [el('SourcePolicyId', policy.id), el('SourcePolicyType', policy.type)]),
  );
}

/**
 * The simulation's request context from `ContextEntries`: the sandbox's policies test only
 * aws:MultiFactorAuthPresent, a boolean; other keys are read and have no effect.
 */
function readContextEntries(params: QueryParams): RequestContext {
  const entries = params.structList('ContextEntries', ['ContextKeyName']) ?? [];
  // Context key names are case-insensitive.
  const entry = entries.find(
    ({ fields }) => fields.ContextKeyName?.toLowerCase() === 'aws:multifactorauthpresent',
  );
  if (!entry) return {};
  const values = params.list(`ContextEntries.member.${String(entry.index)}.ContextKeyValues`);
  return { 'aws:MultiFactorAuthPresent': values?.[0]?.toLowerCase() === 'true' };
}

/**
 * Evaluates the seeded permission level of a user, one result per action as IAM now answers:
 * the top-level decision is the most restrictive one over the resources asked about.
 */
export const simulatePrincipalPolicy: ActionHandler = (context) => {
  const { params, state } = context;
  const sourceArn = params.require('PolicySourceArn');
  const actions = params.list('ActionNames');
  if (actions === undefined || actions.length === 0) throw missingMember('actionNames');
  const resources = params.list('ResourceArns');
  const requestContext = readContextEntries(params);
  const match = USER_ARN.exec(sourceArn);
  if (match?.[1] !== state.accountId || match[3] === undefined) {
    throw invalidInput(
      `Invalid ARN: ${sourceArn}. The sandbox simulates the IAM users of account ${state.accountId}.`,
    );
  }
  authorize(context, 'iam:SimulatePrincipalPolicy', sourceArn);
  const user = state.findUser(match[3]);
  if (!user) throw noSuchUser(match[3]);

  const results = actions.map((action) => {
    const perResource = (resources ?? ['*']).map((resource) => ({
      resource,
      evaluation: evaluate(user.permission, user.userName, action, resource, requestContext),
    }));
    const denied = perResource.find(({ evaluation }) => evaluation.decision !== 'allowed');
    const overall = denied ?? perResource[0];
    const decision = denied ? 'implicitDeny' : 'allowed';
    return [
      el('EvalActionName', action),
      el('EvalResourceName', resources?.length === 1 ? (resources[0] ?? '*') : '*'),
      el('EvalDecision', decision),
      matchedStatementsXml(overall?.evaluation.matched ?? []),
      // IAM lists missing keys here only when no resources were named; else per resource.
      memberList(
        'MissingContextValues',
        resources === undefined ? (overall?.evaluation.missingContextValues ?? []) : [],
      ),
      ...(resources === undefined
        ? []
        : [
            memberList(
              'ResourceSpecificResults',
              perResource.map(({ resource, evaluation }) => [
                el('EvalResourceName', resource),
                el('EvalResourceDecision', evaluation.decision),
                matchedStatementsXml(evaluation.matched),
                memberList('MissingContextValues', evaluation.missingContextValues),
              ]),
            ),
          ]),
    ];
  });
  return [memberList('EvaluationResults', results), el('IsTruncated', 'false')];
};
