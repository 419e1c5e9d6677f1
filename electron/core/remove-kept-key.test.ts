import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsFiles } from './aws-config/aws-files';
import { setupCliProfile } from './aws-config/cli-profile';
import { RotationStates } from './rotation/rotation-state';
import { rotationOf, storeAliceAsWork } from '../../testing/core/rotation/rotation-fixture';
import type { KeywardFixture } from '../../testing/core/keyward-fixture';
import { startKeyward } from '../../testing/core/keyward-fixture';

let f: KeywardFixture;
let files: AwsFiles;
const own = '# my own settings\n[default]\nregion = us-west-2\n';

beforeEach(async () => {
  f = await startKeyward();
  await storeAliceAsWork(f);
  const dir = mkdtempSync(path.join(tmpdir(), 'keyward-remove-'));
  files = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
  writeFileSync(files.config, own);
  await setupCliProfile('work', { keywardCommand: ['/opt/keyward'], region: null, files });
});

afterEach(async () => {
  await f.close();
});

// The window's "Remove from this computer" and `keyward profiles remove` both come here.
describe('removing a kept key from this computer', () => {
  it('takes its AWS command line set-up with it, and forgets its retired old key', async () => {
    await rotationOf(f.keyward).rotate('work', { graceDays: 7 });
    const states = new RotationStates(f.platform.dataDir());
    expect((await states.read('work'))?.phase).toBe('retired');

    const removed = await f.keyward.removeStoredProfile('work', { files });
    expect(removed.awsCli).toMatchObject({ removed: true, configFile: files.config });
    expect(await f.keyward.profiles.get('work')).toBeNull();
    expect(readFileSync(files.config, 'utf8')).toBe(own);
    expect(await states.read('work')).toBeNull();
  });

  it('is refused while a rotation of the key is unfinished, and changes nothing', async () => {
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'error');
    await expect(rotationOf(f.keyward).rotate('work', { graceDays: 0 })).rejects.toThrow();
    const configBefore = readFileSync(files.config, 'utf8');

    await expect(f.keyward.removeStoredProfile('work', { files })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/unfinished/) as string,
    });
    expect(await f.keyward.profiles.get('work')).not.toBeNull();
    expect(readFileSync(files.config, 'utf8')).toBe(configBefore);
  });
});
