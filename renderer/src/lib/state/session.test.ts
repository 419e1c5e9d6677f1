import { describe, expect, it, vi } from 'vitest';
import type { Identity, Permissions, SignInSource } from '../../../../electron/common/domain';
import { fakeApi, later, ok, refused } from '../../../../testing/renderer/fake-api';
import { alice } from '../../../../testing/renderer/fixtures';
import { Announcer } from './announcer.svelte';
import { Session } from './session.svelte';

const source: SignInSource = { kind: 'aws-profile', name: 'default' };
const allowed = Object.fromEntries(
  ['iam:CreateAccessKey', 'iam:ListUsers'].map((action) => [action, 'allowed']),
) as Permissions['self'];
const permissions: Permissions = {
  self: allowed,
  others: { ...allowed, 'iam:CreateAccessKey': 'denied' },
  learnedFrom: 'simulation',
  suggestion: null,
};

describe('signing in to AWS', () => {
  it('is busy while AWS answers, then says who is signed in and learns the permissions', async () => {
    const signingIn = later<Identity>();
    const { api } = fakeApi({
      auth: {
        signIn: () => signingIn.promise,
        permissions: () => Promise.resolve(ok(permissions)),
      },
    });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const session = new Session(api, announcer);
    const done = session.signIn(source);
    expect(session.signingIn.busy).toBe(true);
    signingIn.answer(alice);
    expect(await done).toBe(true);
    expect(session.whoText).toBe('alice');
    expect(session.accountText).toBe('acme (123456789012)');
    expect(said).toHaveBeenLastCalledWith('Signed in as alice in account acme (123456789012).');
    await vi.waitFor(() => {
      expect(session.permissions.value).toEqual(permissions);
    });
    expect(session.mayManageOthers).toBe(false);
  });

  it('asks for an MFA code instead of showing an error, and can be cancelled', async () => {
    const { api } = fakeApi({
      auth: {
        signIn: () => refused('mfa-required', undefined, { mfaSerial: 'arn:aws:iam::1:mfa/alice' }),
      },
    });
    const session = new Session(api, new Announcer());
    expect(await session.signIn(source)).toBe(false);
    expect(session.mfa).toEqual({ source, serial: 'arn:aws:iam::1:mfa/alice' });
    expect(session.signingIn.error).toBeNull();
    session.cancelMfa();
    expect(session.mfa).toBeNull();
  });

  it('says why signing in failed', async () => {
    const { api } = fakeApi({
      auth: {
        signIn: () => refused('bad-credentials', 'AWS did not accept it.'),
      },
    });
    const session = new Session(api, new Announcer());
    await session.signIn(source);
    expect(session.signingIn.error?.message).toBe('AWS did not accept it.');
    expect(session.identity).toBeNull();
  });

  it('signing out forgets the identity and everything registered to go with it', async () => {
    const { api } = fakeApi({
      auth: {
        whoami: () => Promise.resolve(ok<Identity | null>(alice)),
        permissions: () => Promise.resolve(ok(permissions)),
        signOut: () => Promise.resolve(ok(null)),
      },
    });
    const session = new Session(api, new Announcer());
    const forgotten: string[] = [];
    session.onSignOut(() => forgotten.push('people'));
    session.onSignOut(() => forgotten.push('audit'));
    await session.restore();
    expect(session.identity).toEqual(alice);
    await session.signOut();
    expect(session.identity).toBeNull();
    expect(session.permissions.value).toBeNull();
    expect(forgotten).toEqual(['people', 'audit']);
  });

  it('a failed sign-out keeps the session and says why', async () => {
    const { api } = fakeApi({
      auth: {
        whoami: () => Promise.resolve(ok<Identity | null>(alice)),
        permissions: () => Promise.resolve(ok(permissions)),
        signOut: () => refused('internal', 'It broke.'),
      },
    });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const session = new Session(api, announcer);
    await session.restore();
    await session.signOut();
    expect(session.identity).toEqual(alice);
    expect(said).toHaveBeenLastCalledWith('Could not sign out: It broke. Do what the hint says.');
  });

  it('follows the sign-in to the new key after a rotation, or ends it', async () => {
    let now: Identity | null = { ...alice, accessKeyId: 'AKIANEWNEWNEWNEW2222' };
    const { api } = fakeApi({
      auth: {
        whoami: () => Promise.resolve(ok(now)),
        permissions: () => Promise.resolve(ok(permissions)),
      },
    });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const session = new Session(api, announcer);
    session.identity = alice;
    await session.refresh();
    expect(session.identity.accessKeyId).toBe('AKIANEWNEWNEWNEW2222');
    expect(said).toHaveBeenLastCalledWith('Still signed in to AWS as alice.');
    now = null;
    await session.refresh();
    expect(session.identity).toBeNull();
  });
});

describe('an admin signed in to several AWS accounts', () => {
  const labs: Identity = {
    ...alice,
    accountId: '210987654321',
    accountAlias: 'labs',
    arn: 'arn:aws:iam::210987654321:user/admin',
    userName: 'admin',
  };

  it('signing in to a second account forgets what the first listed, and lists both accounts', async () => {
    const { api } = fakeApi({
      auth: {
        whoami: () => Promise.resolve(ok<Identity | null>(alice)),
        signIn: () => Promise.resolve(ok(labs)),
        accounts: () => Promise.resolve(ok([labs, alice])),
        permissions: () => Promise.resolve(ok(permissions)),
      },
    });
    const session = new Session(api, new Announcer());
    const forgotten: string[] = [];
    session.onSignOut(() => forgotten.push('people'));
    await session.restore();
    await session.signIn(source);
    expect(session.identity).toEqual(labs);
    expect(forgotten).toEqual(['people']);
    expect(session.otherAccounts).toEqual([alice]);
  });

  it('switches without signing out, and signing out of one goes on in the other', async () => {
    const { api, calls } = fakeApi({
      auth: {
        whoami: () => Promise.resolve(ok<Identity | null>(labs)),
        accounts: () => Promise.resolve(ok([labs, alice])),
        switchAccount: () => Promise.resolve(ok(alice)),
        signOut: () => Promise.resolve(ok<Identity | null>(labs)),
        permissions: () => Promise.resolve(ok(permissions)),
      },
    });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const session = new Session(api, announcer);
    const forgotten: string[] = [];
    session.onSignOut(() => forgotten.push('people'));
    await session.restore();

    expect(await session.switchTo(alice.accountId)).toBe(true);
    expect(calls.find((c) => c.method === 'auth.switchAccount')?.input).toEqual({
      accountId: alice.accountId,
    });
    expect(session.identity).toEqual(alice);
    expect(forgotten).toEqual(['people']);
    expect(said).toHaveBeenLastCalledWith('Now working in account acme (123456789012), as alice.');
    expect(calls.filter((c) => c.method === 'auth.signOut')).toHaveLength(0);

    await session.signOut();
    expect(session.identity).toEqual(labs);
    expect(forgotten).toEqual(['people', 'people']);
    expect(said).toHaveBeenLastCalledWith(
      'Signed out of account acme (123456789012). Still signed in to account labs (210987654321).',
    );
  });
  it('after a rotation ended the current account’s sign-in, goes on in the other and says so', async () => {
    let accounts: Identity[] = [alice, labs];
    const { api } = fakeApi({
      auth: {
        whoami: () => Promise.resolve(ok<Identity | null>(accounts[0] ?? null)),
        accounts: () => Promise.resolve(ok(accounts)),
        permissions: () => Promise.resolve(ok(permissions)),
      },
    });
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const session = new Session(api, announcer);
    const forgotten: string[] = [];
    session.onSignOut((why) => forgotten.push(why));
    await session.restore();

    // Main could not move alice's sign-in to her new key, so it signed out of that account.
    accounts = [labs];
    await session.refresh();
    expect(session.identity).toEqual(labs);
    expect(session.accounts).toEqual([labs]);
    expect(forgotten).toEqual(['signed-out']);
    expect(said).toHaveBeenLastCalledWith(
      'You were signed out of account acme (123456789012): the key Keyward signed in with was replaced. Still signed in to account labs (210987654321).',
    );
  });
});
