// Runs the keychain probe in a child process, so a test can give it a different D-Bus session
// (none at all, one without a secret service, one whose keyring is locked).
import { KeytarStore } from '../../../electron/core/vault/keytar-store';
import { checkVault } from '../../../electron/core/vault/vault-status';

const store = new KeytarStore({
  os: process.platform,
  service: 'Keyward-test-probe',
  timeoutMs: 4000,
});
const status = await checkVault(store, process.platform);
process.stdout.write(JSON.stringify(status));
// A keychain call that timed out is still pending inside libsecret, which holds even process.exit
// until D-Bus gives up (25 s): a test that already has its answer does not wait for that.
if (status.state === 'unavailable' && status.problem === 'timeout')
  process.kill(process.pid, 'SIGKILL');
