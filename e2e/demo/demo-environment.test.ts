import { describe, expect, it } from 'vitest';
import { dataDirFor } from '../../electron/cli/node-platform';
import { windowStorage } from '../../electron/main/storage';
import { demoEnvironment, demoKeychainService } from './demo-environment';

const sandbox = {
  endpoint: 'http://127.0.0.1:4566',
  region: 'us-east-1',
  admin: { accessKeyId: 'AKIAEXAMPLEEXAMPLE12', secretAccessKey: 'x'.repeat(40) },
};

describe('npm run demo', () => {
  it('runs the window and the browser mode on a data folder and keychain service of its own', () => {
    const { home, env } = demoEnvironment(sandbox, { HOME: '/home/sam' });
    const storage = windowStorage(env, '/home/sam/.config/Keyward');
    expect(storage.keychainService).toBe(demoKeychainService);
    expect(storage.keychainService).not.toBe('Keyward');
    expect(storage.dataDir.startsWith(home)).toBe(true);
    expect(dataDirFor(env)).toBe(storage.dataDir);
    expect(env['AWS_CONFIG_FILE']?.startsWith(home)).toBe(true);
    expect(env['AWS_SHARED_CREDENTIALS_FILE']?.startsWith(home)).toBe(true);
  });
});
