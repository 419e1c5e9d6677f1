import { describe, expect, it } from 'vitest';
import { dataDirFor } from '../cli/node-platform';
import { keychainServiceFrom } from '../cli/keychain-service';
import { windowStorage } from './storage';

describe('where the window keeps its data and keys', () => {
  it('is Electron’s userData and the Keyward service by default', () => {
    expect(windowStorage({}, '/home/sam/.config/Keyward')).toEqual({
      dataDir: '/home/sam/.config/Keyward',
      keychainService: 'Keyward',
    });
  });

  it('follows the same overrides as the command line', () => {
    const env = { KEYWARD_DATA_DIR: '/tmp/kw-data', KEYWARD_KEYCHAIN_SERVICE: 'Keyward-second' };
    expect(windowStorage(env, '/home/sam/.config/Keyward')).toEqual({
      dataDir: dataDirFor(env),
      keychainService: keychainServiceFrom(env),
    });
  });
});
