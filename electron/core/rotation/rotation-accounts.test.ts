import { describe, expect, it } from 'vitest';
import { otherAccountSeed } from '../../../e2e/sandbox/index';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { signInToOtherAccount } from '../../../testing/core/other-account';
import type { RotationProgress } from './key-rotation';
import {
  aliceKeys,
  rotationOf,
  storeAliceAsWork,
} from '../../../testing/core/rotation/rotation-fixture';

// The window signed in to two AWS accounts (the sandbox's own and "example-labs"), one of them
// with the key a rotation replaces: that sign-in follows the key, whichever account is current.
const f = keywardForEachTest({ sandbox: { otherAccounts: [otherAccountSeed()] } });

/** alice's key kept as "work" and signed in with, then the labs account, which is current. */
async function signedInToBothWithLabsCurrent() {
  const oldKeyId = await storeAliceAsWork(f);
  await f.core.session.signIn({ kind: 'stored-key', profile: 'work' });
  const labs = await signInToOtherAccount(f);
  const labsKeyId = f.core.session.whoami()?.accessKeyId;
  const switches: string[] = [];
  f.core.session.onSwitch((now) => switches.push(now.accountId));
  const signOuts: { ending: string; next: string | null }[] = [];
  f.core.session.onSignOut((ending, next) =>
    signOuts.push({ ending: ending.accountId, next: next?.accessKeyId ?? null }),
  );
  return { oldKeyId, labs, labsKeyId, switches, signOuts };
}

const signInOf = (accountId: string) =>
  f.core.session.accounts().find((identity) => identity.accountId === accountId);

describe('replacing the key of an account that is signed in but not current', () => {
  it('keeps what the window listed for the current account: its audit and People table', async () => {
    const { labs } = await signedInToBothWithLabsCurrent();
    await f.core.audit.run();
    const people = await f.core.people.open();
    await f.core.people.settled();

    await rotationOf(f.core).rotate('work', { graceDays: 0 });

    expect(f.core.audit.last()?.accountId).toBe(labs.accountId);
    expect(f.core.people.changes(people.run, 0)?.rows.map((row) => row.userName)).toEqual([
      'admin',
      'carol',
    ]);
  });

  it('moves that account’s sign-in to the new key and leaves the current account current', async () => {
    const { oldKeyId, labs, labsKeyId, switches, signOuts } = await signedInToBothWithLabsCurrent();

    const result = await rotationOf(f.core).rotate('work', { graceDays: 0 });

    expect(aliceKeys(f).has(oldKeyId)).toBe(false);
    expect(f.core.session.whoami()).toMatchObject({
      accountId: labs.accountId,
      accessKeyId: labsKeyId,
    });
    expect(switches).toEqual([]);
    expect(signInOf(f.sandbox.accountId)).toMatchObject({
      userName: 'alice',
      accessKeyId: result.newKeyId,
      source: { kind: 'stored-key', profile: 'work' },
    });
    // Replaced by the same identity with the new key: not a sign-out.
    expect(signOuts).toEqual([{ ending: f.sandbox.accountId, next: result.newKeyId }]);

    // Its next use works, with the new key, instead of AWS refusing the deleted one.
    f.core.session.switchTo(f.sandbox.accountId);
    expect((await f.core.keyAdmin.listKeys('alice')).map((key) => key.accessKeyId)).toEqual([
      result.newKeyId,
    ]);
  });

  it('signs only that account out when its sign-in cannot follow, and the current one stays', async () => {
    const { labs, labsKeyId, switches, signOuts } = await signedInToBothWithLabsCurrent();
    // AWS fails every try of the next sign-in check, the window's move to the new key.
    const stop = {
      onProgress: ({ step }: RotationProgress) => {
        if (step === 'switch')
          for (let n = 1; n <= 5; n++) f.sandbox.faults.failNth('GetCallerIdentity', n, 'error');
      },
    };

    await rotationOf(f.core, stop).rotate('work', { graceDays: 0 });

    expect(f.core.session.accounts()).toEqual([
      expect.objectContaining({ accountId: labs.accountId, accessKeyId: labsKeyId }),
    ]);
    expect(f.core.session.whoami()?.accountId).toBe(labs.accountId);
    expect(switches).toEqual([]);
    expect(signOuts).toEqual([{ ending: f.sandbox.accountId, next: null }]);
  });
});

describe('replacing the key of the current account while another is signed in', () => {
  it('moves the current sign-in to the new key and leaves the other account as it was', async () => {
    const { labs, labsKeyId } = await signedInToBothWithLabsCurrent();
    f.core.session.switchTo(f.sandbox.accountId);

    const result = await rotationOf(f.core).rotate('work', { graceDays: 0 });

    expect(f.core.session.whoami()).toMatchObject({
      accountId: f.sandbox.accountId,
      accessKeyId: result.newKeyId,
    });
    expect(signInOf(labs.accountId)?.accessKeyId).toBe(labsKeyId);
    expect((await f.core.keyAdmin.listKeys('alice')).map((key) => key.accessKeyId)).toEqual([
      result.newKeyId,
    ]);
  });

  it('signs the current account out when it cannot follow, and the other becomes current', async () => {
    const { labs, labsKeyId } = await signedInToBothWithLabsCurrent();
    f.core.session.switchTo(f.sandbox.accountId);
    const stop = {
      onProgress: ({ step }: RotationProgress) => {
        if (step === 'switch')
          for (let n = 1; n <= 5; n++) f.sandbox.faults.failNth('GetCallerIdentity', n, 'error');
      },
    };

    await rotationOf(f.core, stop).rotate('work', { graceDays: 0 });

    expect(f.core.session.whoami()).toMatchObject({
      accountId: labs.accountId,
      accessKeyId: labsKeyId,
    });
    expect(f.core.session.accounts()).toHaveLength(1);
  });
});
