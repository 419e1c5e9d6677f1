import { afterAll, beforeAll } from 'vitest';
import { getReceivingCode } from '../../../electron/core/handoff/device-identity';
import { generatePassphrase } from '../../../electron/core/handoff/passphrase';
import { MemoryStore } from '../../memory-store';
import { watchForLeaks } from './leak-watch';

/**
 * For a file of hand-off tests, this computer: its keychain (in memory), its receiving code
 * (`myCode()`, known from before the first test), a generated passphrase, and a watch for secrets
 * in log lines and temporary files, stopped after the last test.
 */
export function thisDeviceForFile() {
  const leaks = watchForLeaks();
  const store = new MemoryStore();
  let code = '';
  beforeAll(async () => {
    code = await getReceivingCode(store);
  });
  afterAll(() => {
    leaks.stop();
  });
  return { leaks, store, passphrase: generatePassphrase().text, myCode: () => code };
}
