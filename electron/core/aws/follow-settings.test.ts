import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../e2e/sandbox';
import type { Sandbox } from '../../../e2e/sandbox';
import type { KeywardFixture } from '../../../testing/core/keyward-fixture';
import { startKeyward } from '../../../testing/core/keyward-fixture';

let f: KeywardFixture;
/** A second test server with the same account (the default seed's keys are the same every run). */
let other: Sandbox;

beforeEach(async () => {
  f = await startKeyward();
  other = await startSandbox();
});

afterEach(async () => {
  await f.close();
  await other.close();
});

describe('a Settings change to where Keyward talks reaches the current sign-in at once', () => {
  it('lists, changes and checks all go to the new endpoint, with no new sign-in', async () => {
    await f.signInAs('admin');
    await f.core.settings.update({ endpoint: other.endpoint });

    await f.core.keyAdmin.listKeys('alice');
    await f.core.keyAdmin.setKeyStatus(
      'alice',
      other.credentialsFor('alice').accessKeyId,
      'Inactive',
    );
    expect(other.stats.calls('ListAccessKeys')).toBeGreaterThan(0);
    expect(other.stats.calls('UpdateAccessKey')).toBe(1);
    expect(f.sandbox.stats.calls('ListAccessKeys')).toBe(0);
    expect(f.sandbox.stats.calls('UpdateAccessKey')).toBe(0);
    expect(other.state.keysOf('alice')[0]?.status).toBe('Inactive');
    expect(f.sandbox.state.keysOf('alice')[0]?.status).toBe('Active');
  });

  it('an endpoint that cannot be reached is reported as such by the next list', async () => {
    await f.signInAs('admin');
    await f.core.settings.update({ endpoint: 'http://127.0.0.1:9' });
    await expect(f.core.keyAdmin.listKeys('alice')).rejects.toMatchObject({
      code: 'network',
      message: 'Keyward could not reach AWS to list the access keys.',
    });
  });

  it('a new region applies to the sign-in’s STS requests; IAM stays global', async () => {
    await f.signInAs('admin');
    await f.core.settings.update({ region: 'eu-west-1' });
    const { clients } = f.core.session.signedIn();
    expect(await clients.sts.config.region()).toBe('eu-west-1');
    expect(await clients.iam.config.region()).toBe('us-east-1');
  });
});
