import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  SimulatePrincipalPolicyCommand,
  TagUserCommand,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect } from 'vitest';
import type { Sandbox } from './sandbox';
import {
  awsError,
  containing,
  iamClient,
  itOnSharedSandbox as it,
  objectContaining,
  stsClient,
} from './test-support';

const ARN = 'arn:aws:iam::123456789012';
const as = (sandbox: Sandbox, userName: string) =>
  iamClient(sandbox, sandbox.credentialsFor(userName));

describe('permission levels', () => {
  it('denies a self user acting on another user, naming the user, action and resource', async ({
    sandbox,
  }) => {
    expect(
      await awsError(as(sandbox, 'alice').send(new CreateAccessKeyCommand({ UserName: 'bob' }))),
    ).toEqual({
      code: 'AccessDenied',
      status: 403,
      name: 'AccessDenied',
      message:
        `User: ${ARN}:user/alice is not authorized to perform: iam:CreateAccessKey on resource: ` +
        `${ARN}:user/bob because no identity-based policy allows the iam:CreateAccessKey action`,
    });
    expect(await awsError(as(sandbox, 'alice').send(new ListUsersCommand({})))).toMatchObject({
      code: 'AccessDenied',
      message:
        `User: ${ARN}:user/alice is not authorized to perform: iam:ListUsers on resource: ` +
        `${ARN}:user/ because no identity-based policy allows the iam:ListUsers action`,
    });
    expect(sandbox.state.keysOf('bob')).toHaveLength(2);
  });

  it('lets a self user manage its own keys and tags', async ({ sandbox }) => {
    const alice = as(sandbox, 'alice');
    await alice.send(new GetUserCommand({ UserName: 'alice' }));
    await alice.send(new ListAccessKeysCommand({}));
    await alice.send(
      new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'desk', Value: '4' }] }),
    );
    await alice.send(new ListUserTagsCommand({ UserName: 'alice' }));
    const { AccessKey } = await alice.send(new CreateAccessKeyCommand({}));
    await alice.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey?.AccessKeyId ?? '' }),
    );
    await alice.send(new DeleteAccessKeyCommand({ AccessKeyId: AccessKey?.AccessKeyId ?? '' }));
  });

  it('does not tell a self user whether another user exists', async ({ sandbox }) => {
    expect(
      await awsError(as(sandbox, 'alice').send(new GetUserCommand({ UserName: 'ghost' }))),
    ).toMatchObject({
      code: 'AccessDenied',
      message: containing(`on resource: ${ARN}:user/ghost`),
    });
    const bobsKey = sandbox.credentialsFor('bob').accessKeyId;
    expect(
      await awsError(
        as(sandbox, 'alice').send(new GetAccessKeyLastUsedCommand({ AccessKeyId: bobsKey })),
      ),
    ).toMatchObject({ code: 'AccessDenied' });
  });

  it('lets a readonly user read everything and change nothing', async ({ sandbox }) => {
    const auditor = as(sandbox, 'auditor');
    await auditor.send(new ListUsersCommand({}));
    await auditor.send(new ListAccessKeysCommand({ UserName: 'bob' }));
    await auditor.send(new GenerateCredentialReportCommand({}));
    expect(await awsError(auditor.send(new CreateUserCommand({ UserName: 'eve' })))).toMatchObject({
      code: 'AccessDenied',
      message: containing(`${ARN}:user/audit/auditor is not authorized to perform: iam:CreateUser`),
    });
    expect(
      await awsError(
        auditor.send(new TagUserCommand({ UserName: 'bob', Tags: [{ Key: 'a', Value: '' }] })),
      ),
    ).toMatchObject({ code: 'AccessDenied' });
  });

  it('gives a user with no permissions nothing in IAM but still answers GetCallerIdentity', async ({
    sandbox,
  }) => {
    expect(await awsError(as(sandbox, 'nobody').send(new GetUserCommand({})))).toMatchObject({
      code: 'AccessDenied',
      message: containing(
        'iam:GetUser on resource: arn:aws:iam::123456789012:user/contractors/nobody',
      ),
    });
    const identity = await stsClient(sandbox, sandbox.credentialsFor('nobody')).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Arn).toBe(`${ARN}:user/contractors/nobody`);
  });
});

describe('SimulatePrincipalPolicy', () => {
  const actions = ['iam:CreateAccessKey', 'iam:ListUsers', 'iam:GetUser', 'iam:CreateUser'];

  async function simulate(
    sandbox: Sandbox,
    userName: string,
    resourceArns?: string[],
  ): Promise<Record<string, string>> {
    const user = sandbox.state.findUser(userName);
    const { EvaluationResults, IsTruncated } = await iamClient(sandbox).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: user?.arn,
        ActionNames: actions,
        ...(resourceArns && { ResourceArns: resourceArns }),
      }),
    );
    expect(IsTruncated).toBe(false);
    return Object.fromEntries(
      (EvaluationResults ?? []).map((result: EvaluationResult) => [
        result.EvalActionName ?? '',
        result.EvalDecision ?? '',
      ]),
    );
  }

  it('follows each permission level', async ({ sandbox }) => {
    expect(await simulate(sandbox, 'admin')).toEqual({
      'iam:CreateAccessKey': 'allowed',
      'iam:ListUsers': 'allowed',
      'iam:GetUser': 'allowed',
      'iam:CreateUser': 'allowed',
    });
    expect(await simulate(sandbox, 'alice', [`${ARN}:user/alice`])).toEqual({
      'iam:CreateAccessKey': 'allowed',
      'iam:ListUsers': 'implicitDeny',
      'iam:GetUser': 'allowed',
      'iam:CreateUser': 'implicitDeny',
    });
    expect(Object.values(await simulate(sandbox, 'alice', [`${ARN}:user/bob`]))).toEqual(
      Array<string>(4).fill('implicitDeny'),
    );
    expect(await simulate(sandbox, 'auditor')).toEqual({
      'iam:CreateAccessKey': 'implicitDeny',
      'iam:ListUsers': 'allowed',
      'iam:GetUser': 'allowed',
      'iam:CreateUser': 'implicitDeny',
    });
    expect(Object.values(await simulate(sandbox, 'nobody'))).toEqual(
      Array<string>(4).fill('implicitDeny'),
    );
  });

  it('reports per-resource decisions and the statements that matched', async ({ iam }) => {
    const { EvaluationResults } = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `${ARN}:user/alice`,
        ActionNames: ['iam:UpdateAccessKey'],
        ResourceArns: [`${ARN}:user/alice`, `${ARN}:user/bob`],
      }),
    );
    expect(EvaluationResults).toHaveLength(1);
    const [result] = EvaluationResults ?? [];
    expect(result?.EvalDecision).toBe('implicitDeny');
    expect(result?.ResourceSpecificResults).toEqual([
      objectContaining({
        EvalResourceName: `${ARN}:user/alice`,
        EvalResourceDecision: 'allowed',
        MatchedStatements: [{ SourcePolicyId: 'ManageOwnAccessKeys', SourcePolicyType: 'user' }],
      }),
      objectContaining({
        EvalResourceName: `${ARN}:user/bob`,
        EvalResourceDecision: 'implicitDeny',
        MatchedStatements: [],
      }),
    ]);
  });

  it('refuses callers without the permission and principals it cannot find', async ({
    sandbox,
    iam,
  }) => {
    expect(
      await awsError(
        as(sandbox, 'alice').send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: `${ARN}:user/alice`,
            ActionNames: ['iam:GetUser'],
          }),
        ),
      ),
    ).toMatchObject({
      code: 'AccessDenied',
      message: containing('iam:SimulatePrincipalPolicy'),
    });
    expect(
      await awsError(
        iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: `${ARN}:user/ghost`,
            ActionNames: ['iam:GetUser'],
          }),
        ),
      ),
    ).toMatchObject({ code: 'NoSuchEntity', status: 404 });
    expect(
      await awsError(
        iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: 'not-an-arn',
            ActionNames: ['iam:GetUser'],
          }),
        ),
      ),
    ).toMatchObject({ code: 'InvalidInput', status: 400 });
  });
});
