import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface DemoSandbox {
  endpoint: string;
  region: string;
  admin: { accessKeyId: string; secretAccessKey: string };
}

/** The keychain service the demo keeps its keys under, in both modes: never the real 'Keyward'. */
export const demoKeychainService = 'Keyward-demo';

/**
 * The environment both demo modes run Keyward in: its own AWS config files, data folder and
 * keychain service (through the same KEYWARD_DATA_DIR and KEYWARD_KEYCHAIN_SERVICE the window and
 * the command line honour), so a person's real keys, settings and AWS files stay untouched.
 */
export function demoEnvironment(
  sandbox: DemoSandbox,
  base: NodeJS.ProcessEnv = process.env,
): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(path.join(tmpdir(), 'keyward-demo-'));
  const configFile = path.join(home, 'config');
  const credentialsFile = path.join(home, 'credentials');
  writeFileSync(configFile, `[profile sandbox-admin]\nregion = ${sandbox.region}\n`);
  writeFileSync(
    credentialsFile,
    // Sandbox-only credentials: they open nothing but the local sandbox.
    `[sandbox-admin]\naws_access_key_id = ${sandbox.admin.accessKeyId}\naws_secret_access_key = ${sandbox.admin.secretAccessKey}\n`,
    { mode: 0o600 },
  );
  return {
    home,
    env: {
      ...base,
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      KEYWARD_DATA_DIR: path.join(home, 'data'),
      KEYWARD_KEYCHAIN_SERVICE: demoKeychainService,
    },
  };
}
