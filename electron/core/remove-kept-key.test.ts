import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwsFiles } from './aws-config/aws-files';
import { setupCliProfile } from './aws-config/cli-profile';
import { RotationStates } from './rotation/rotation-state';
import { rotationOf, storeAliceAsWork } from '../../testing/core/rotation/rotation-fixture';
import { keywardForEachTest } from '../../testing/core/keyward-each-test';

const f = keywardForEachTest();
let files: AwsFiles;
const own = '# my own settings\n[default]\nregion = us-west-2\n';

beforeEach(async () => {
  await storeAliceAsWork(f);
  const dir = mkdtempSync(path.join(tmpdir(), 'keyward-remove-'));
  files = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
  writeFileSync(files.config, own);
  await setupCliProfile('work', { keywardCommand: ['/opt/keyward'], region: null, files });
});

// The window's "Remove from this computer" and `keyward profiles remove` both come here.
describe('removing a kept key from this computer', () => {
  it('takes its AWS command line set-up with it, and forgets its retired old key', async () => {
    await rotationOf(f.core).rotate('work', { graceDays: 7 });
    const states = new RotationStates(f.platform.dataDir());
    expect((await states.read('work'))?.phase).toBe('retired');

    const removed = await f.core.deviceKeys.remove('work', { files });
    expect(removed.awsCli).toMatchObject({ removed: true, configFile: files.config });
    expect(await f.profiles.get('work')).toBeNull();
    expect(readFileSync(files.config, 'utf8')).toBe(own);
    expect(await states.read('work')).toBeNull();
  });

  it('is refused while a rotation of the key is unfinished, and changes nothing', async () => {
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'error');
    await expect(rotationOf(f.core).rotate('work', { graceDays: 0 })).rejects.toThrow();
    const configBefore = readFileSync(files.config, 'utf8');

    await expect(f.core.deviceKeys.remove('work', { files })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/unfinished/) as string,
    });
    expect(await f.profiles.get('work')).not.toBeNull();
    expect(readFileSync(files.config, 'utf8')).toBe(configBefore);
  });
});
