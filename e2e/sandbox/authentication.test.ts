import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect } from 'vitest';
import {
  awsError,
  iamClient,
  itOnSharedSandbox as it,
  rawRequest,
  signedQuery,
  stsClient,
} from './test-support';

const LIST_USERS = { Action: 'ListUsers', Version: '2010-05-08' };

describe('SigV4 authentication', () => {
  it('answers InvalidClientTokenId for a key it does not know, in IAM and STS', async ({
    sandbox,
  }) => {
    const stranger = {
      accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ',
      secretAccessKey: sandbox.admin.secretAccessKey,
    };
    const expected = {
      code: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    };
    expect(
      await awsError(iamClient(sandbox, stranger).send(new ListUsersCommand({}))),
    ).toMatchObject(expected);
    expect(
      await awsError(stsClient(sandbox, stranger).send(new GetCallerIdentityCommand({}))),
    ).toMatchObject(expected);
  });

  it('answers SignatureDoesNotMatch for a wrong secret', async ({ sandbox }) => {
    const wrongSecret = { ...sandbox.admin, secretAccessKey: 'x'.repeat(40) };
    expect(await awsError(iamClient(sandbox, wrongSecret).send(new ListUsersCommand({})))).toEqual({
      code: 'SignatureDoesNotMatch',
      status: 403,
      name: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check ' +
        'your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
  });

  it('rejects a body changed after signing', async ({ sandbox }) => {
    const signed = await signedQuery(sandbox, { ...LIST_USERS, PathPrefix: '/audit/' });
    const response = await rawRequest(sandbox.endpoint, {
      headers: signed.headers,
      body: signed.body.replace('audit', 'admin'),
    });
    expect(response.status).toBe(403);
    expect(response.body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('rejects a signature made more than 15 minutes ago', async ({ sandbox }) => {
    const signed = await signedQuery(sandbox, LIST_USERS, {
      signingDate: new Date(Date.now() - 20 * 60 * 1000),
    });
    const response = await rawRequest(sandbox.endpoint, signed);
    expect(response.status).toBe(403);
    expect(response.body).toMatch(/<Message>Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it('answers MissingAuthenticationToken for an unsigned request', async ({ sandbox }) => {
    const response = await rawRequest(sandbox.endpoint, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(LIST_USERS).toString(),
    });
    expect(response.status).toBe(403);
    expect(response.body).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
