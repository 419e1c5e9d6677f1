import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsFilesForEachTest } from '../../../testing/core/aws-config/aws-files-each-test';
import { listPlaintextKeys } from './plaintext-keys';

const files = awsFilesForEachTest();

const keyId = (n: number) => `AKIA${String(n).repeat(16)}`;
const secret = 'a'.repeat(40);

describe('the plaintext keys in the AWS files', () => {
  it('lists every profile holding a key, in both files, once each, without its secret', async () => {
    writeFileSync(
      files.credentials,
      `[default]\naws_access_key_id = ${keyId(1)}\naws_secret_access_key = ${secret}\n\n[token-only]\naws_session_token = abc\n\n[legacy]\naws_access_key_id = ${keyId(2)}\naws_secret_access_key = ${secret}\n`,
    );
    writeFileSync(
      files.config,
      `[default]\nregion = eu-west-1\n\n[profile old]\naws_access_key_id = ${keyId(3)}\naws_secret_access_key = ${secret}\n\n[profile sso]\nsso_session = corp\n\n[sso-session corp]\nsso_region = eu-west-1\n`,
    );
    const listed = await listPlaintextKeys({ files });
    expect(listed).toEqual([
      { profile: 'default', accessKeyId: keyId(1), file: files.credentials, problem: null },
      { profile: 'legacy', accessKeyId: keyId(2), file: files.credentials, problem: null },
      { profile: 'old', accessKeyId: keyId(3), file: files.config, problem: null },
    ]);
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('says why a profile cannot be moved: temporary credentials, a mistyped key, a name Keyward cannot keep', async () => {
    writeFileSync(
      files.credentials,
      [
        `[temporary]\naws_access_key_id = ASIA${'A'.repeat(16)}\naws_secret_access_key = ${secret}\naws_session_token = abc\n`,
        `[mistyped]\naws_access_key_id = AKIA123\naws_secret_access_key = ${secret}\n`,
        `[me@work]\naws_access_key_id = ${keyId(4)}\naws_secret_access_key = ${secret}\n`,
      ].join('\n'),
    );
    const listed = await listPlaintextKeys({ files });
    expect(listed.map((item) => [item.profile, item.problem?.message])).toEqual([
      ['temporary', expect.stringMatching(/temporary credentials/)],
      ['mistyped', expect.stringMatching(/incomplete or mistyped/)],
      ['me@work', expect.stringMatching(/cannot be used as a profile name/)],
    ]);
    expect(listed.every((item) => item.accessKeyId === null)).toBe(true);
  });

  it('finds nothing when the files do not exist', async () => {
    expect(await listPlaintextKeys({ files })).toEqual([]);
  });
});
