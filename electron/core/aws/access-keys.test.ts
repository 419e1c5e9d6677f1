import { describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { refusal } from '../../../testing/core/refusal';
import { checkSessionKeyChange } from './access-keys';

const f = keywardForEachTest();

describe('the key the session signs in with', () => {
  it('is not deactivated without a confirmation, and the refusal spells out the lock-out', async () => {
    await f.signInAs('admin');
    const own = f.sandbox.admin.accessKeyId;
    const refused = await refusal(f.core.keyAdmin.setKeyStatus('admin', own, 'Inactive'));
    expect(refused.code).toBe('confirmation-required');
    expect(refused.message).toContain('locks Keyward out of AWS');
    expect(refused.message).toContain('cannot turn it back on');
    expect(refused.hint).toMatch(/Sign in with another key or AWS profile first/);
    expect(f.sandbox.state.accessKeys.get(own)?.status).toBe('Active');
    expect(f.sandbox.stats.calls('UpdateAccessKey')).toBe(0);

    await f.core.keyAdmin.setKeyStatus('admin', own, 'Inactive', true);
    expect(f.sandbox.state.accessKeys.get(own)?.status).toBe('Inactive');
  });

  it('is not deleted without a confirmation, with the same words', async () => {
    await f.signInAs('admin');
    const own = f.sandbox.admin.accessKeyId;
    const refused = await refusal(f.core.keyAdmin.deleteKey('admin', own, false));
    expect(refused.code).toBe('confirmation-required');
    expect(refused.message).toContain('Deleting it locks Keyward out of AWS');
    expect(f.sandbox.state.accessKeys.has(own)).toBe(true);
    expect(f.sandbox.stats.calls('DeleteAccessKey')).toBe(0);
  });

  it('leaves other keys to the ordinary rules: anyone else’s key is deactivated at once', async () => {
    await f.signInAs('admin');
    const alice = f.sandbox.credentialsFor('alice').accessKeyId;
    await f.core.keyAdmin.setKeyStatus('alice', alice, 'Inactive');
    expect(f.sandbox.state.accessKeys.get(alice)?.status).toBe('Inactive');
  });

  it('applies only to a key the session signs with: a role has none of its own', () => {
    const change = { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', action: 'deactivate' } as const;
    expect(() => {
      checkSessionKeyChange({ ...change, sessionKeyId: null, confirmed: false });
    }).not.toThrow();
    expect(() => {
      checkSessionKeyChange({ ...change, sessionKeyId: change.accessKeyId, confirmed: false });
    }).toThrow(/locks Keyward out/);
    expect(() => {
      checkSessionKeyChange({ ...change, sessionKeyId: change.accessKeyId, confirmed: true });
    }).not.toThrow();
  });
});
