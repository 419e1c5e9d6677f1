// Runs the keychain probe in a child process, so a test can give it a different D-Bus session
// (none at all, one without a secret service, one whose keyring is locked).
import { KeytarStore } from '../keytar-store';
import { checkVault } from '../vault-status';

const store = new KeytarStore({
  os: process.platform,
  service: 'Keyward-test-probe',
  timeoutMs: 4000,
});
process.stdout.write(JSON.stringify(await checkVault(store, process.platform)));
