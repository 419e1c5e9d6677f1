import { describe, expect, it } from 'vitest';
import { otherAccountSeed } from '../../../e2e/sandbox/index';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { signInToOtherAccount } from '../../../testing/core/other-account';
import { AppError } from '../errors';

const f = keywardForEachTest({ sandbox: { otherAccounts: [otherAccountSeed()] } });

async function signInToLabs(fixture: KeywardFixture): Promise<string> {
  return (await signInToOtherAccount(fixture)).accountId;
}

const userNames = async (fixture: KeywardFixture) =>
  (await fixture.core.keyAdmin.listUsers({ cursor: null, filter: '', pageSize: 100 })).users.map(
    (user) => user.userName,
  );

describe('an admin signed in to several AWS accounts', () => {
  it('stays signed in to the first when signing in to a second, and switches without signing out', async () => {
    await f.signInAs('admin');
    const first = f.sandbox.accountId;
    const labs = await signInToLabs(f);
    const signOuts: string[] = [];
    f.core.session.onSignOut((ending) => signOuts.push(ending.accountId));

    expect(f.core.session.accounts().map((identity) => identity.accountId)).toEqual([labs, first]);
    expect(f.core.session.whoami()?.accountAlias).toBe('example-labs');
    expect(await userNames(f)).toEqual(['admin', 'carol']);

    f.core.session.switchTo(first);
    expect(f.core.session.whoami()?.accountId).toBe(first);
    expect(await userNames(f)).toContain('bob');
    // What is done goes to the current account only.
    await f.core.keyAdmin.setKeyStatus(
      'bob',
      f.sandbox.state.keysOf('bob')[1]?.accessKeyId ?? '',
      'Inactive',
    );
    expect(f.sandbox.state.keysOf('bob').map((key) => key.status)).toEqual([
      'Inactive',
      'Inactive',
    ]);
    expect(signOuts).toEqual([]);
  });

  it('signing out leaves the other account signed in and current', async () => {
    await f.signInAs('admin');
    const labs = await signInToLabs(f);
    f.core.session.signOut();
    expect(f.core.session.whoami()?.accountId).toBe(f.sandbox.accountId);
    expect(f.core.session.accounts()).toHaveLength(1);
    expect(() => f.core.session.switchTo(labs)).toThrow(AppError);
    f.core.session.signOut();
    expect(f.core.session.whoami()).toBeNull();
  });

  it('a new sign-in to the same account replaces that account’s, not the other', async () => {
    await f.signInAs('admin');
    await signInToLabs(f);
    await f.signInAs('alice');
    const accounts = f.core.session.accounts();
    expect(accounts.map((identity) => identity.userName)).toEqual(['alice', 'admin']);
    expect(accounts[1]?.accountAlias).toBe('example-labs');
  });

  it('tells its listeners once each time the current account changes (the audit forgets its result)', async () => {
    await f.signInAs('admin');
    const first = f.sandbox.accountId;
    await signInToLabs(f);
    let cleared = 0;
    f.core.session.onSwitch(() => cleared++);
    f.core.session.switchTo(first);
    expect(cleared).toBe(1);
    f.core.session.switchTo(first);
    expect(cleared).toBe(1);
  });
});
