// A Keyward process that rotates a profile's key and stalls right after one step, so a test can
// kill it with SIGKILL at exactly that point (a crash, or a laptop lid closed mid-rotation).
import { TestPlatform } from '../../test-platform';
import { KeytarStore } from '../../../electron/core/vault/keytar-store';
import { createCore } from '../../../electron/core/compose';

const [dataDir = '', service = '', profile = '', stallAfter = ''] = process.argv.slice(2);
const platform = new TestPlatform(dataDir);
const { rotation } = createCore(platform, new KeytarStore({ os: platform.os, service }), {
  newKeyPatienceMs: 2000,
});
const watch = {
  onProgress: async ({ step }: { step: string }) => {
    if (step !== stallAfter) return;
    process.stdout.write(`stalled after ${step}\n`);
    setInterval(() => undefined, 60_000);
    await new Promise(() => undefined);
  },
};
await rotation.rotate(profile, { graceDays: 0 }, watch);
