import type { SandboxAccount } from '../../e2e/sandbox/index';
import type { KeywardFixture } from './keyward-fixture';

/**
 * The sandbox's second account ("example-labs", from `otherAccountSeed`): its admin's key kept
 * here as "labs-admin" and signed in with, which makes that account current.
 */
export async function signInToOtherAccount(fixture: KeywardFixture): Promise<SandboxAccount> {
  const labs = fixture.sandbox.otherAccounts[0];
  if (!labs) throw new Error('Start the sandbox with otherAccounts: [otherAccountSeed()]');
  await fixture.profiles.put('labs-admin', {
    ...labs.credentialsFor('admin'),
    userName: 'admin',
    accountId: labs.accountId,
    created: new Date().toISOString(),
    description: null,
  });
  await fixture.core.session.signIn({ kind: 'stored-key', profile: 'labs-admin' });
  return labs;
}
