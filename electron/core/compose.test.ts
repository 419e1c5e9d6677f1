import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwsSession } from './aws/aws-session';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';
import { rotationOf, storeAliceAsWork } from '../../testing/core/rotation/rotation-fixture';

const f = keywardForEachTest();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the services createCore wires', () => {
  it('a rotation signs in on a session of its own, signed out when the run ends, and leaves the window’s alone', async () => {
    await storeAliceAsWork(f);
    await f.signInAs('admin');
    const signOuts = vi.spyOn(AwsSession.prototype, 'signOut');
    const signIns = vi.spyOn(AwsSession.prototype, 'signIn');

    await rotationOf(f.core).rotate('work', { graceDays: 0 });

    const rotationSessions = new Set(signIns.mock.contexts);
    expect(rotationSessions.size).toBe(1);
    const [own] = rotationSessions;
    expect(own).not.toBe(f.core.session);
    expect(signOuts.mock.contexts).toContain(own);
    expect((own as AwsSession).whoami()).toBeNull();
    expect(f.core.session.whoami()?.userName).toBe('admin');
  });

  it('a rotation that stops still signs its session out', async () => {
    await storeAliceAsWork(f);
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'error');
    const signIns = vi.spyOn(AwsSession.prototype, 'signIn');

    await expect(rotationOf(f.core).rotate('work', { graceDays: 0 })).rejects.toThrow();

    const [own] = new Set(signIns.mock.contexts);
    expect(own).toBeInstanceOf(AwsSession);
    expect((own as AwsSession).whoami()).toBeNull();
  });

  it('signing out forgets the last audit, which describes the account signed in before', async () => {
    await f.signInAs('admin');
    await f.core.audit.run();
    expect(f.core.audit.last()).not.toBeNull();
    f.core.session.signOut();
    expect(f.core.audit.last()).toBeNull();
  });
});
