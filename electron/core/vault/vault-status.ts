import { randomBytes } from 'node:crypto';
import type { VaultStatus } from '../../common/domain';
import { log } from '../log';
import type { SecretStore } from './secret-store';
import { VaultError, classifyVaultFailure, explainVaultProblem } from './vault-problem';

const probeAccount = 'keyward-probe';

/**
 * Can the keychain be reached *and written*? A read alone succeeds on a locked Secret Service
 * collection, so the probe writes a throwaway value, reads it back and removes it.
 */
export async function checkVault(store: SecretStore, os: NodeJS.Platform): Promise<VaultStatus> {
  const value = randomBytes(16).toString('hex');
  try {
    await store.set(probeAccount, value);
    const readBack = await store.get(probeAccount);
    await store.delete(probeAccount);
    if (readBack !== value) {
      log('vault', 'status: probe value did not read back');
      return unavailable('unknown', os);
    }
    log('vault', 'status ready');
    return { state: 'ready', backend: store.backend };
  } catch (error) {
    const problem = error instanceof VaultError ? error.problem : classifyVaultFailure(error);
    log('vault', `status unavailable: ${problem}`);
    return unavailable(problem, os);
  }
}

function unavailable(problem: VaultError['problem'], os: NodeJS.Platform): VaultStatus {
  return { state: 'unavailable', problem, ...explainVaultProblem(problem, os) };
}
