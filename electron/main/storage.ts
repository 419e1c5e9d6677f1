import path from 'node:path';
import { keychainServiceFrom } from '../cli/keychain-service';

/**
 * Where the window keeps its data and keychain entries: Electron's userData folder and the
 * 'Keyward' service, unless KEYWARD_DATA_DIR / KEYWARD_KEYCHAIN_SERVICE say otherwise, exactly as
 * for the command line (the demo, tests and a second installation keep apart from a person's own).
 */
export function windowStorage(
  env: NodeJS.ProcessEnv,
  userData: string,
): { dataDir: string; keychainService: string } {
  const override = env['KEYWARD_DATA_DIR'];
  return {
    dataDir: override ? path.resolve(override) : userData,
    keychainService: keychainServiceFrom(env),
  };
}
