import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, ListUsersCommand, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { otherAccountSeed } from './generate-seed';
import { startSandbox, type Sandbox, type SandboxCredentials } from './index';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function clientsFor(endpoint: string, credentials: SandboxCredentials) {
  const config = { endpoint, region: 'us-east-1', credentials };
  return { iam: new IAMClient(config), sts: new STSClient(config) };
}

describe('several AWS accounts behind one sandbox', () => {
  it('answers each request as the account its signing key belongs to', async () => {
    sandbox = await startSandbox({ otherAccounts: [otherAccountSeed()] });
    const [labs] = sandbox.otherAccounts;
    if (!labs) throw new Error('expected a second account');
    expect(labs.accountId).toBe('210987654321');

    const first = clientsFor(sandbox.endpoint, sandbox.credentialsFor('admin'));
    const second = clientsFor(sandbox.endpoint, labs.credentialsFor('admin'));
    const firstWho = await first.sts.send(new GetCallerIdentityCommand({}));
    const secondWho = await second.sts.send(new GetCallerIdentityCommand({}));
    expect(firstWho.Account).toBe(sandbox.accountId);
    expect(secondWho.Arn).toBe('arn:aws:iam::210987654321:user/admin');

    const names = async (iam: IAMClient) =>
      ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((user) => user.UserName);
    expect(await names(second.iam)).toEqual(['admin', 'carol']);
    expect(await names(first.iam)).toContain('bob');
    expect((await second.iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([
      'example-labs',
    ]);
  });

  it('refuses the same account given twice', async () => {
    await expect(
      startSandbox({ otherAccounts: [otherAccountSeed(), otherAccountSeed()] }),
    ).rejects.toThrow(/given twice/);
  });
});
