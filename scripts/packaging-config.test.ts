import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const config = JSON.parse(
  readFileSync(path.join(root, 'electron-builder.json'), 'utf8'),
) as Configuration;

describe('the installer configuration', () => {
  it('is accepted by electron-builder’s own schema', async () => {
    // "$schema" is for editors; electron-builder strips it the same way when it loads the file.
    const rest = Object.fromEntries(Object.entries(config).filter(([key]) => key !== '$schema'));
    await expect(validateConfiguration(rest, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is rejected when a setting is misspelt, so the check above can fail', async () => {
    const broken = { ...config, electronFuzes: {} } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /electronFuzes/,
    );
  });

  it('applies the Electron fuses that close the usual back doors', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only what runs: built output, no sources, tests or source maps', () => {
    expect(config.files).toEqual([
      'out/**/*',
      'package.json',
      '!**/*.map',
      '!**/*.test.*',
      '!**/*.ts',
    ]);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
  });

  it('installs per user on Windows, opens .keyward files, and depends on libsecret on Linux', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
    expect(config.fileAssociations).toMatchObject([{ ext: 'keyward' }]);
    expect(config.deb?.depends).toContain('libsecret-1-0');
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
  });

  it('publishes updates that the installed app checks before installing', () => {
    // GitHub Releases by default; a company hosting its own names a generic feed in the policy file.
    expect(config.publish).toMatchObject([
      { provider: 'github', releaseType: 'release', updaterCacheDirName: 'keyward-updater' },
    ]);
    // Windows: an update installs only when signed by the same publisher as the installed app.
    expect(config.win).toMatchObject({ verifyUpdateCodeSignature: true, forceCodeSigning: true });
  });
});
