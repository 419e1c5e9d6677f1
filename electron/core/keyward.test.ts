import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusal } from '../../testing/core/refusal';
import type { KeywardFixture } from '../../testing/core/keyward-fixture';
import { startKeyward } from '../../testing/core/keyward-fixture';
import { keepKeyOf } from '../../testing/core/kept-keys';

let f: KeywardFixture;

function keysOf(userName: string): string[] {
  return [...f.sandbox.state.accessKeys.values()]
    .filter((key) => key.userName === userName)
    .map((key) => key.accessKeyId);
}

beforeEach(async () => {
  f = await startKeyward();
});

afterEach(async () => {
  await f.close();
});

describe('signing in', () => {
  it('shows who is signed in with a stored key: account, alias, ARN and user name', async () => {
    await f.signInAs('admin');
    expect(f.core.session.whoami()).toEqual({
      accountId: f.sandbox.accountId,
      accountAlias: 'example-corp',
      arn: `arn:aws:iam::${f.sandbox.accountId}:user/admin`,
      userName: 'admin',
      source: { kind: 'stored-key', profile: 'sandbox-admin' },
      accessKeyId: f.sandbox.admin.accessKeyId,
    });
  });

  it('explains a key AWS does not know', async () => {
    await f.profiles.put('stale', {
      accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
      secretAccessKey: 'a'.repeat(40),
      userName: 'ghost',
      accountId: f.sandbox.accountId,
      created: new Date().toISOString(),
      description: null,
    });
    const error = await refusal(f.core.session.signIn({ kind: 'stored-key', profile: 'stale' }));
    expect(error.code).toBe('bad-credentials');
    expect(error.hint).toMatch(/sign in again/i);
  });

  it('refuses to act before anyone has signed in', async () => {
    const error = await refusal(f.core.keyAdmin.listKeys('alice'));
    expect(error.code).toBe('not-signed-in');
  });

  it('knows an admin may do everything, from a policy simulation', async () => {
    await f.signInAs('admin');
    const permissions = await f.core.session.permissions();
    expect(permissions.learnedFrom).toBe('simulation');
    expect(Object.values(permissions.others).every((p) => p === 'allowed')).toBe(true);
    expect(permissions.suggestion).toBeNull();
  });

  it('learns what a self-service user may do from what AWS refuses', async () => {
    await f.signInAs('alice');
    const before = await f.core.session.permissions();
    expect(before.learnedFrom).toBe('observed');
    await f.core.keyAdmin.listKeys('alice');
    await refusal(f.core.keyAdmin.listUsers({ cursor: null, filter: '', pageSize: 10 }));
    const after = await f.core.session.permissions();
    expect(after.self['iam:ListAccessKeys']).toBe('allowed');
    expect(after.others['iam:ListUsers']).toBe('denied');
  });
});

describe('users and keys', () => {
  it('lists users page by page, filtered by name', async () => {
    await f.signInAs('admin');
    const first = await f.core.keyAdmin.listUsers({ cursor: null, filter: '', pageSize: 2 });
    expect(first.users).toHaveLength(2);
    expect(first.cursor).not.toBeNull();
    const names = first.users.map((u) => u.userName);
    let cursor = first.cursor;
    while (cursor) {
      const page = await f.core.keyAdmin.listUsers({ cursor, filter: '', pageSize: 2 });
      names.push(...page.users.map((u) => u.userName));
      cursor = page.cursor;
    }
    expect(names.sort()).toEqual(['admin', 'alice', 'auditor', 'bob', 'nobody']);
    const filtered = await f.core.keyAdmin.listUsers({ cursor: null, filter: 'AL', pageSize: 100 });
    expect(filtered.users.map((u) => u.userName)).toEqual(['alice']);
  });

  it('shows each key’s status, age, description and last use, or never', async () => {
    await f.signInAs('admin');
    const keys = await f.core.keyAdmin.listKeys('bob');
    expect(keys).toHaveLength(2);
    const active = keys.find((k) => k.status === 'Active')!;
    const inactive = keys.find((k) => k.status === 'Inactive')!;
    expect(active).toMatchObject({
      userName: 'bob',
      description: 'CI deploy',
      lastUsed: null,
      signedInKey: false,
    });
    expect(active.ageDays).toBe(120);
    expect(inactive.lastUsed).toMatchObject({ service: 'ec2', region: 'us-west-2' });
    expect(inactive.ageDays).toBe(700);
    const own = await f.core.keyAdmin.listKeys('admin');
    expect(own[0]?.signedInKey).toBe(true);
  });

  it('deactivates and reactivates a key, and records it in the activity log', async () => {
    await f.signInAs('admin');
    const [key] = await f.core.keyAdmin.listKeys('alice');
    await f.core.keyAdmin.setKeyStatus('alice', key!.accessKeyId, 'Inactive');
    expect((await f.core.keyAdmin.listKeys('alice'))[0]?.status).toBe('Inactive');
    await f.core.keyAdmin.setKeyStatus('alice', key!.accessKeyId, 'Active');
    expect((await f.core.keyAdmin.listKeys('alice'))[0]?.status).toBe('Active');
    const actions = (await f.core.activity.read()).map((e) => `${e.action} ${e.accessKeyId}`);
    expect(actions).toEqual([
      `key.deactivated ${key!.accessKeyId}`,
      `key.activated ${key!.accessKeyId}`,
    ]);
  });

  it('asks for confirmation before deleting an active key used this week, or its own key', async () => {
    await f.signInAs('admin');
    const [aliceKey] = await f.core.keyAdmin.listKeys('alice');
    const recent = await refusal(f.core.keyAdmin.deleteKey('alice', aliceKey!.accessKeyId, false));
    expect(recent.code).toBe('confirmation-required');
    expect(recent.message).toContain('used 1 day ago');
    const own = await refusal(
      f.core.keyAdmin.deleteKey('admin', f.sandbox.admin.accessKeyId, false),
    );
    expect(own.message).toContain('signed in with');
    expect(keysOf('alice')).toContain(aliceKey!.accessKeyId);
    await f.core.keyAdmin.deleteKey('alice', aliceKey!.accessKeyId, true);
    expect(keysOf('alice')).toEqual([]);
  });

  it('deletes an unused key without confirmation and removes its description', async () => {
    await f.signInAs('admin');
    const unused = (await f.core.keyAdmin.listKeys('bob')).find((k) => k.status === 'Active')!;
    await f.core.keyAdmin.deleteKey('bob', unused.accessKeyId, false);
    expect(keysOf('bob')).not.toContain(unused.accessKeyId);
    expect(f.sandbox.state.users.get('bob')!.tags.map((t) => t.Key)).not.toContain(
      unused.accessKeyId,
    );
  });

  it('saves a description as the console does, and explains IAM’s rules when it breaks them', async () => {
    await f.signInAs('admin');
    const [key] = await f.core.keyAdmin.listKeys('alice');
    await f.core.keyAdmin.describeKey('alice', key!.accessKeyId, 'Laptop: AWS CLI @home');
    expect((await f.core.keyAdmin.listKeys('alice'))[0]?.description).toBe('Laptop: AWS CLI @home');
    const tooLong = await refusal(
      f.core.keyAdmin.describeKey('alice', key!.accessKeyId, 'x'.repeat(257)),
    );
    expect(tooLong.message).toContain('at most 256 characters');
    const badChar = await refusal(
      f.core.keyAdmin.describeKey('alice', key!.accessKeyId, 'deploy; rm -rf'),
    );
    expect(badChar.message).toContain('cannot contain ";"');
  });

  it('refuses to describe a key the person does not have, from any door, and tags nothing', async () => {
    await f.signInAs('admin');
    const [bobs] = await f.core.keyAdmin.listKeys('bob');
    const error = await refusal(f.core.keyAdmin.describeKey('alice', bobs!.accessKeyId, 'Laptop'));
    expect(error).toMatchObject({
      code: 'not-found',
      message: `alice has no key ${bobs!.accessKeyId}.`,
    });
    expect(f.sandbox.state.users.get('alice')!.tags.map((t) => t.Key)).not.toContain(
      bobs!.accessKeyId,
    );
  });

  it('explains, naming the action, when a self-service user acts on someone else', async () => {
    await f.signInAs('alice');
    const error = await refusal(f.core.newKeys.create('bob', null));
    expect(error.code).toBe('access-denied');
    expect(error.message).toBe(
      'AWS did not let you create an access key for bob: your permissions in AWS do not allow it.',
    );
    expect(error.hint).toBe('Ask your AWS administrator to allow "iam:CreateAccessKey" for you.');
    expect(keysOf('bob')).toHaveLength(2);
  });
});

describe('keys kept on this device', () => {
  it('are checked with AWS using the key itself: working, status and last use, or why not', async () => {
    const creds = await keepKeyOf(f, 'alice', 'alice');
    const check = await f.core.deviceKeys.check('alice');
    expect(check).toMatchObject({
      name: 'alice',
      working: true,
      status: 'Active',
      lastUsedKnown: true,
      problem: null,
    });
    expect(check.lastUsed).not.toBeNull();

    await f.signInAs('admin');
    await f.core.keyAdmin.setKeyStatus('alice', creds.accessKeyId, 'Inactive');
    const broken = await f.core.deviceKeys.check('alice');
    expect(broken).toMatchObject({ working: false, status: null });
    expect(broken.problem).toMatch(/did not accept/);
  });
});

describe('creating a key', () => {
  it('holds the new secret behind a handle until it is stored in the keychain', async () => {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', 'New laptop');
    expect(JSON.stringify(created)).not.toMatch(/[A-Za-z0-9/+]{40}/);
    expect(created).toMatchObject({ userName: 'alice', description: 'New laptop' });
    expect(keysOf('alice')).toContain(created.accessKeyId);
    expect(await f.core.lostKeys.list()).toEqual([]);

    const secret = await f.core.newKeys.reveal(created.handle);
    expect(secret).toBe(f.sandbox.state.accessKeys.get(created.accessKeyId)!.secretAccessKey);

    const refused = await refusal(f.core.newKeys.finish(created.handle, false));
    expect(refused.code).toBe('secret-not-secured');

    const stored = await f.core.newKeys.keep(created.handle, 'alice-laptop');
    expect(stored).toMatchObject({
      name: 'alice-laptop',
      accessKeyId: created.accessKeyId,
      userName: 'alice',
    });
    expect((await f.profiles.get('alice-laptop'))?.secretAccessKey).toBe(secret);
    await f.core.newKeys.finish(created.handle, false);
    expect(f.core.newKeys.held()).toEqual([]);
    expect((await refusal(f.core.newKeys.reveal(created.handle))).code).toBe('secret-gone');
  });

  it('discarding an unsaved secret deletes the key in AWS', async () => {
    await f.signInAs('admin');
    const created = await f.core.newKeys.create('alice', null);
    await f.core.newKeys.finish(created.handle, true);
    expect(keysOf('alice')).not.toContain(created.accessKeyId);
    expect(await f.core.lostKeys.list()).toEqual([]);
  });

  it('with two keys already, says so and lists both with status, age and last use', async () => {
    await f.signInAs('admin');
    const error = await refusal(f.core.newKeys.create('bob', null));
    expect(error.code).toBe('key-limit');
    expect(error.details?.existingKeys?.map((k) => k.status).sort()).toEqual([
      'Active',
      'Inactive',
    ]);
    expect(error.details?.existingKeys?.every((k) => k.ageDays > 0)).toBe(true);
    expect(f.sandbox.stats.calls('CreateAccessKey')).toBe(0);
  });

  it('a double click makes one key', async () => {
    await f.signInAs('admin');
    const [a, b] = await Promise.all([
      f.core.newKeys.create('alice', null),
      f.core.newKeys.create('alice', null),
    ]);
    expect(a.handle).toBe(b.handle);
    expect(keysOf('alice')).toHaveLength(2);
    expect(f.sandbox.stats.calls('CreateAccessKey')).toBe(1);
  });

  it('when the answer is lost after AWS acted, finds the key instead of making a second one', async () => {
    await f.signInAs('admin');
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'drop-after-commit');
    const error = await refusal(f.core.newKeys.create('alice', null));
    expect(error.code).toBe('outcome-unknown');
    const made = keysOf('alice').find((id) => id !== f.sandbox.credentialsFor('alice').accessKeyId);
    expect(made).toBeDefined();
    expect(error.details?.lostKey).toEqual({ accessKeyId: made, userName: 'alice' });
    expect(error.message).toContain(made);
    expect(f.sandbox.stats.calls('CreateAccessKey')).toBe(1);
    expect(keysOf('alice')).toHaveLength(2);
    const lost = await f.core.lostKeys.list();
    expect(lost).toMatchObject([{ userName: 'alice', accessKeyId: made }]);
    await f.core.lostKeys.resolve(lost[0]!.journalId, 'delete');
    expect(keysOf('alice')).toHaveLength(1);
    expect(await f.core.lostKeys.list()).toEqual([]);
  });

  it('says no key was made when AWS failed before acting', async () => {
    await f.signInAs('admin');
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'error');
    const error = await refusal(f.core.newKeys.create('alice', null));
    expect(error.code).toBe('aws-failure');
    expect(keysOf('alice')).toHaveLength(1);
    expect(f.sandbox.stats.calls('CreateAccessKey')).toBe(1);
    expect(await f.core.lostKeys.list()).toEqual([]);
  });

  it('waits and retries when AWS answers Throttling, and makes exactly one key', async () => {
    await f.signInAs('admin');
    f.sandbox.faults.setRateLimit({ perSecond: 2, burst: 1 });
    const created = await f.core.newKeys.create('alice', null);
    expect(f.sandbox.stats.throttled()).toBeGreaterThan(0);
    expect(keysOf('alice')).toEqual(expect.arrayContaining([created.accessKeyId]));
    expect(keysOf('alice')).toHaveLength(2);
  });

  it('copies the secret to the clipboard and clears it after the set time, unless replaced', async () => {
    await f.core.settings.update({ clipboardSeconds: 5 });
    await f.signInAs('admin');
    const first = await f.core.newKeys.create('alice', null);
    expect(await f.core.newKeys.copy(first.handle)).toEqual({ clearsInSeconds: 5 });
    expect(f.platform.clipboard).toBe(await f.core.newKeys.reveal(first.handle));
    await new Promise((resolve) => setTimeout(resolve, 5200));
    expect(f.platform.clipboard).toBe('');

    await f.core.newKeys.copy(first.handle);
    f.platform.clipboard = 'something the person copied since';
    await new Promise((resolve) => setTimeout(resolve, 5200));
    expect(f.platform.clipboard).toBe('something the person copied since');
    await f.core.newKeys.finish(first.handle, true);
  }, 20_000);
});
