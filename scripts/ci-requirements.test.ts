import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ciScript = path.resolve(import.meta.dirname, 'ci.sh');

/**
 * Runs `ci.sh --list-missing` with stand-in commands first on PATH: a `dpkg-query` that reports
 * only the given Debian packages as installed, and a foreign `aws` (like this image's pip AWS CLI).
 */
function missingWith(installed: readonly string[]): string[] {
  const bin = mkdtempSync(path.join(tmpdir(), 'keyward-ci-bin-'));
  writeFileSync(
    path.join(bin, 'dpkg-query'),
    `#!/bin/sh\nfor p in ${installed.map((p) => `'${p}'`).join(' ')}; do\n  [ "$p" = "$3" ] && { printf 'install ok installed'; exit 0; }\ndone\nexit 1\n`,
  );
  writeFileSync(path.join(bin, 'aws'), '#!/bin/sh\necho "aws-cli/1.45.11 Python/3.11.7"\n');
  for (const name of ['dpkg-query', 'aws']) chmodSync(path.join(bin, name), 0o755);
  const output = execFileSync('bash', [ciScript, '--list-missing'], {
    env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}` },
    encoding: 'utf8',
  });
  return output.split('\n').filter((line) => line !== '');
}

const everyPackage = [
  'libsecret-1-dev',
  'gnome-keyring',
  'dbus-x11',
  'dbus-daemon',
  'libsecret-tools',
  'chromium',
  'age',
  'awscli',
  'bsdutils',
  'g++',
  'make',
  'desktop-file-utils',
];

describe('the CI set-up’s detection of what the tests need', () => {
  it('installs Debian’s awscli although another `aws` is first on PATH', () => {
    expect(missingWith(everyPackage.filter((p) => p !== 'awscli'))).toContain('awscli');
  });

  it('judges each requirement by its Debian package, never by a command of that name', () => {
    const missing = missingWith([]);
    expect(missing).toEqual(expect.arrayContaining(everyPackage));
  });

  it('installs nothing when every package is installed and its files are in place', () => {
    // On this machine the packages are installed (ci.sh put them there), so the paths exist.
    expect(missingWith(everyPackage)).toEqual([]);
  });
});
