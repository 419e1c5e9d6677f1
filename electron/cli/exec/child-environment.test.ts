import { describe, expect, it } from 'vitest';
import { childEnvironment, execMarker } from './child-environment';

const session = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'session-secret',
  sessionToken: 'session-token',
  expiration: '2030-01-01T10:00:00.000Z',
};
const longTerm = {
  accessKeyId: 'AKIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'long-term-secret',
  sessionToken: null,
  expiration: null,
};

const parent = {
  PATH: '/usr/bin',
  HOME: '/home/me',
  AWS_PROFILE: 'other',
  AWS_DEFAULT_PROFILE: 'other',
  AWS_SESSION_TOKEN: 'stale',
  AWS_SECURITY_TOKEN: 'stale',
  AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
  AWS_CONFIG_FILE: '/home/me/.aws/config',
  AWS_SHARED_CREDENTIALS_FILE: '/home/me/.aws/credentials',
  AWS_REGION: 'us-west-1',
  KEYWARD_LAUNCHER: '/somewhere/bin/keyward',
};

describe('the environment keyward exec gives a command', () => {
  it('carries a session, the marker, and what else the parent had', () => {
    expect(
      childEnvironment(parent, { profile: 'work', credentials: session, region: null }),
    ).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      AWS_CONFIG_FILE: '/home/me/.aws/config',
      AWS_SHARED_CREDENTIALS_FILE: '/home/me/.aws/credentials',
      AWS_REGION: 'us-west-1',
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: session.expiration,
      [execMarker]: 'work',
    });
  });

  it('leaves no session variable beside a long-term key', () => {
    const env = childEnvironment(parent, { profile: 'work', credentials: longTerm, region: null });
    expect(env['AWS_ACCESS_KEY_ID']).toBe(longTerm.accessKeyId);
    expect(env['AWS_SECRET_ACCESS_KEY']).toBe(longTerm.secretAccessKey);
    expect(Object.keys(env)).not.toContain('AWS_SESSION_TOKEN');
    expect(Object.keys(env)).not.toContain('AWS_SECURITY_TOKEN');
    expect(Object.keys(env)).not.toContain('AWS_CREDENTIAL_EXPIRATION');
  });

  it('sets both region variables to the profile’s region, over inherited ones', () => {
    const env = childEnvironment(
      { ...parent, AWS_DEFAULT_REGION: 'us-west-1' },
      { profile: 'work', credentials: longTerm, region: 'eu-west-2' },
    );
    expect(env['AWS_REGION']).toBe('eu-west-2');
    expect(env['AWS_DEFAULT_REGION']).toBe('eu-west-2');
  });

  it('does not change the parent’s environment', () => {
    const before = { ...parent };
    childEnvironment(parent, { profile: 'work', credentials: session, region: 'eu-west-2' });
    expect(parent).toEqual(before);
  });
});
