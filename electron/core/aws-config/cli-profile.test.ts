import { execFile } from 'node:child_process';
import { lstatSync, readFileSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../../testing/core/refusal';
// What a person wrote by hand: every byte of it must survive.
import { handEditedConfig as original } from '../../../testing/core/aws-config/hand-edited-config';
import { awsFilesForEachTest } from '../../../testing/core/aws-config/aws-files-each-test';
import {
  cliProfileState,
  removeCliProfile,
  repairCliProfiles,
  setupCliProfile,
  staleCliProfiles,
} from './cli-profile';

const run = promisify(execFile);
const keywardCommand = ['/opt/Key ward/keyward'];
const expectedCommand = '"/opt/Key ward/keyward" credential-process --profile work';

const files = awsFilesForEachTest();

const read = (file: string) => readFileSync(file, 'utf8');

async function awsConfigure(...args: string[]): Promise<string> {
  const { stdout } = await run('/usr/bin/aws', ['configure', ...args], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: files.dir,
      AWS_CONFIG_FILE: files.config,
      AWS_SHARED_CREDENTIALS_FILE: files.credentials,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    },
  });
  return stdout.trim();
}

describe('setting up a profile for the AWS CLI', () => {
  it('adds only Keyward’s section and leaves every other byte of the file as it was', async () => {
    writeFileSync(files.config, original, { mode: 0o640 });
    const result = await setupCliProfile('work', {
      keywardCommand,
      region: 'eu-west-1',
      files,
    });
    expect(result).toMatchObject({ changed: true, backupFile: `${files.config}.keyward-backup` });
    const text = read(files.config);
    expect(text.startsWith(original)).toBe(true);
    expect(text.slice(original.length)).toBe(
      [
        '',
        '[profile work]',
        '# Managed by Keyward: the key is in the OS keychain. "keyward cli remove --profile work" removes this section.',
        `credential_process = ${expectedCommand}`,
        'region = eu-west-1',
        '',
      ].join('\n'),
    );
    expect(read(`${files.config}.keyward-backup`)).toBe(original);
    expect(text).not.toMatch(/aws_secret_access_key/);
    expect(statSync(files.config).mode & 0o777).toBe(0o640);
    expect(statSync(`${files.config}.keyward-backup`).mode & 0o777).toBe(0o600);

    // The AWS CLI reads the result as intended, quoting included, and still sees the rest.
    expect(await awsConfigure('get', 'credential_process', '--profile', 'work')).toBe(
      expectedCommand,
    );
    expect(await awsConfigure('get', 'region', '--profile', 'tools')).toBe('eu-central-1');
    expect((await awsConfigure('list-profiles')).split('\n').sort()).toEqual([
      'default',
      'sso-dev',
      'tools',
      'work',
    ]);
  });

  it('removes exactly what it added, giving back the original file byte for byte', async () => {
    writeFileSync(files.config, original);
    await setupCliProfile('work', { keywardCommand, region: 'eu-west-1', files });
    const removed = await removeCliProfile('work', { files });
    expect(removed.removed).toBe(true);
    expect(read(files.config)).toBe(original);
  });

  it('adds its lines to an existing profile section, and takes only those away again', async () => {
    const withTools = original.replace('[profile   tools]', '[profile   work]');
    writeFileSync(files.config, withTools);
    await setupCliProfile('work', { keywardCommand, region: 'us-east-1', files });
    const text = read(files.config);
    expect(text).toBe(
      withTools.replace(
        '[profile   work]\n',
        [
          '[profile   work]',
          '# Keyward added the credential_process line below. "keyward cli remove --profile work" removes them.',
          `credential_process = ${expectedCommand}`,
          '',
        ].join('\n'),
      ),
    );
    // The profile's own region (eu-central-1) is kept rather than replaced.
    expect(text).not.toMatch(/^region = us-east-1/m);
    await removeCliProfile('work', { files });
    expect(read(files.config)).toBe(withTools);
  });

  it('is idempotent, and updates only the command line when Keyward has moved', async () => {
    writeFileSync(files.config, original);
    await setupCliProfile('work', { keywardCommand, region: null, files });
    const first = read(files.config);
    const again = await setupCliProfile('work', { keywardCommand, region: null, files });
    expect(again.changed).toBe(false);
    expect(read(files.config)).toBe(first);
    await setupCliProfile('work', { keywardCommand: ['/usr/bin/keyward'], region: null, files });
    expect(read(files.config)).toBe(
      first.replace(expectedCommand, '"/usr/bin/keyward" credential-process --profile work'),
    );
    expect(await cliProfileState('work', { files })).toBe('keyward');
    expect(await cliProfileState('sso-dev', { files })).toBe('other');
    expect(await cliProfileState('nope', { files })).toBe('absent');
  });

  it('keeps Windows line endings and a file without a final newline intact', async () => {
    const crlf = original.replaceAll('\n', '\r\n').trimEnd();
    writeFileSync(files.config, crlf);
    await setupCliProfile('work', { keywardCommand, region: null, files });
    const text = read(files.config);
    expect(text.startsWith(crlf)).toBe(true);
    expect(text.slice(crlf.length)).toMatch(
      /^\r\n\r\n\[profile work\]\r\n#[^\n]*\r\ncredential_process = [^\r\n]+\r\n$/,
    );
  });

  it('creates the config file (and folder) when there is none, readable by its owner only', async () => {
    const nested = { ...files, config: path.join(files.dir, 'new', 'config') };
    const result = await setupCliProfile('default', {
      keywardCommand,
      region: null,
      files: nested,
    });
    expect(result.backupFile).toBeNull();
    expect(read(nested.config)).toMatch(/^\[default\]\n# Managed by Keyward/);
    expect(statSync(nested.config).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(nested.config)).mode & 0o777).toBe(0o700);
  });

  it('writes through a symlinked config file instead of replacing the link', async () => {
    const target = path.join(files.dir, 'dotfiles-config');
    writeFileSync(target, original);
    symlinkSync(target, files.config);
    await setupCliProfile('work', { keywardCommand, region: null, files });
    expect(lstatSync(files.config).isSymbolicLink()).toBe(true);
    expect(read(target)).toContain('[profile work]');
  });

  it.each([
    'work]\n[default',
    'x\ncredential_process = /bin/evil',
    'work\r',
    'a b',
    'a=b',
    '#work',
    ';work',
    '[work]',
    '"work"',
    'wörk',
    '',
    'a'.repeat(65),
  ])('refuses the profile name %j, changing nothing', async (name) => {
    writeFileSync(files.config, original);
    const error = await refusal(setupCliProfile(name, { keywardCommand, region: null, files }));
    expect(error.code).toBe('invalid-input');
    expect(read(files.config)).toBe(original);
    expect(existsSync(`${files.config}.keyward-backup`)).toBe(false);
  });

  it('refuses a program path or region that would be read as something else', async () => {
    writeFileSync(files.config, original);
    for (const command of [['/opt/ke"yward'], ['/opt/$(evil)'], ['/opt/`evil`'], ['keyward']]) {
      await refusal(setupCliProfile('work', { keywardCommand: command, region: null, files }));
    }
    const region = await refusal(
      setupCliProfile('work', { keywardCommand, region: 'eu-west-1\n[default]', files }),
    );
    expect(region.code).toBe('invalid-input');
    expect(read(files.config)).toBe(original);
  });

  it('will not take over a profile that gets its credentials another way', async () => {
    writeFileSync(
      files.config,
      `${original}[profile proc]\ncredential_process = /usr/bin/other-tool\n[profile twice]\n[profile twice]\n`,
    );
    const before = read(files.config);
    expect(
      (await refusal(setupCliProfile('sso-dev', { keywardCommand, region: null, files }))).code,
    ).toBe('conflict');
    expect(
      (await refusal(setupCliProfile('proc', { keywardCommand, region: null, files }))).code,
    ).toBe('conflict');
    expect(
      (await refusal(setupCliProfile('twice', { keywardCommand, region: null, files }))).code,
    ).toBe('conflict');
    expect(read(files.config)).toBe(before);
    // Nothing of Keyward's to remove: the file is left alone.
    expect((await removeCliProfile('proc', { files })).removed).toBe(false);
    expect(read(files.config)).toBe(before);
  });

  it('refuses while the credentials file still has a plaintext key for the profile', async () => {
    writeFileSync(files.config, original);
    writeFileSync(
      files.credentials,
      '[work]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n',
    );
    const error = await refusal(setupCliProfile('work', { keywardCommand, region: null, files }));
    expect(error.code).toBe('conflict');
    expect(error.hint).toMatch(/import/i);
    expect(read(files.config)).toBe(original);
  });
});

describe('profiles whose Keyward program has moved', () => {
  it('are found at start, repaired to the current program, and other lines stay as they were', async () => {
    writeFileSync(files.config, original);
    const gone = ['/tmp/.mount_KeywarOld/keyward'];
    await setupCliProfile('work', { keywardCommand: gone, region: null, files });
    await setupCliProfile('home', { keywardCommand, region: null, files });
    const exists = (file: string) => file === keywardCommand[0];
    expect(await staleCliProfiles({ files, exists })).toEqual(['work']);

    const repaired = await repairCliProfiles({ keywardCommand, region: null, files, exists });
    expect(repaired).toEqual({ repaired: ['work'], notRepaired: [] });
    expect(await staleCliProfiles({ files, exists })).toEqual([]);
    const text = read(files.config);
    expect(text).toContain(`credential_process = ${expectedCommand}`);
    expect(text).not.toContain('.mount_KeywarOld');
    expect(text.startsWith(original.trimEnd())).toBe(true);
  });

  it('ignore credential_process lines of other programs', async () => {
    writeFileSync(files.config, '[profile other]\ncredential_process = /gone/tool --x\n');
    expect(await staleCliProfiles({ files, exists: () => false })).toEqual([]);
  });
});

describe('repairing set-ups of a moved Keyward', () => {
  const gone = ['/tmp/.mount_KeywarOld/keyward'];
  const exists = (file: string) => file === keywardCommand[0];

  it('repairs the others when one cannot be, and says why for that one', async () => {
    await setupCliProfile('audit', { keywardCommand: gone, region: null, files });
    await setupCliProfile('work', { keywardCommand: gone, region: null, files });
    writeFileSync(
      files.credentials,
      '[work]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\n',
    );
    const result = await repairCliProfiles({ keywardCommand, region: null, files, exists });
    expect(result.repaired).toEqual(['audit']);
    expect(result.notRepaired).toMatchObject([{ profile: 'work' }]);
    expect(result.notRepaired[0]?.message).toMatch(/credentials file/);
    expect(await staleCliProfiles({ files, exists })).toEqual(['work']);
  });

  it('leaves alone lines for keys Keyward no longer keeps', async () => {
    await setupCliProfile('ghost', { keywardCommand: gone, region: null, files });
    await setupCliProfile('work', { keywardCommand: gone, region: null, files });
    const kept = ['work'];
    expect(await staleCliProfiles({ files, exists, kept })).toEqual(['work']);
    const result = await repairCliProfiles({ keywardCommand, region: null, files, exists, kept });
    expect(result.repaired).toEqual(['work']);
    expect(read(files.config)).toContain(
      '.mount_KeywarOld/keyward" credential-process --profile ghost',
    );
  });
});
