// A Keyward process that rotates a profile's key and stalls right after one step, so a test can
// kill it with SIGKILL at exactly that point (a crash, or a laptop lid closed mid-rotation).
import { TestPlatform } from '../../test-platform';
import { Keyward } from '../../../electron/core/keyward';
import { KeytarStore } from '../../../electron/core/vault/keytar-store';
import { KeyRotation } from '../../../electron/core/rotation/key-rotation';

const [dataDir = '', service = '', profile = '', stallAfter = ''] = process.argv.slice(2);
const platform = new TestPlatform(dataDir);
const keyward = new Keyward(platform, new KeytarStore({ os: platform.os, service }));
const rotation = new KeyRotation(keyward, {
  provePatienceMs: 2000,
  onProgress: async ({ step }) => {
    if (step !== stallAfter) return;
    process.stdout.write(`stalled after ${step}\n`);
    setInterval(() => undefined, 60_000);
    await new Promise(() => undefined);
  },
});
await rotation.rotate(profile, { graceDays: 0 });
