import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsFilesForEachTest } from '../../../testing/core/aws-config/aws-files-each-test';
import { refusal } from '../../../testing/core/refusal';
import { handEditedConfig } from '../../../testing/core/aws-config/hand-edited-config';
import type { BotocoreReading } from '../../../testing/core/aws-config/botocore-reading';
import {
  botocoreRead,
  botocoreReads,
  hasPython3,
  python3,
} from '../../../testing/core/aws-config/botocore-reading';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import type { AwsFiles } from './aws-files';
import { readSnapshot } from './aws-files';
import { awsCliReading, readAwsFile } from './aws-cli-reading';
import { removeCliProfile, repairCliProfiles, setupCliProfile } from './cli-profile';
import { importPlaintextProfile } from './import-profile';
import type { AwsFileKind } from './profile-sections';

// These tests compare Keyward with the AWS CLI's own reader (Python's configparser, as botocore
// calls it), so they need the machine's Python; without it they are skipped, and say so.
const skipped = `skipped: ${python3} is not installed, so Keyward cannot be compared with Python's configparser`;
if (!hasPython3) console.warn(`configparser-parity.test.ts ${skipped}`);
/** A describe block that runs only with Python, and otherwise says in its name why it did not. */
const describeWithPython = (name: string, tests: () => void) =>
  describe.skipIf(!hasPython3)(hasPython3 ? name : `${name} (${skipped})`, tests);

const keywardCommand = ['/opt/Key ward/keyward'];
const command = (profile: string) =>
  `"/opt/Key ward/keyward" credential-process --profile ${profile}`;

const files = awsFilesForEachTest();

const read = (file: string) => readFileSync(file, 'utf8');

/** Python's reading of the config file as it is now; fails the test when Python cannot read it. */
async function sectionsRead(): Promise<Extract<BotocoreReading, { ok: true }>['sections']> {
  const reading = await botocoreRead(files.config);
  if (!reading.ok) throw new Error(`Python could not read the config file: ${reading.error}`);
  return reading.sections;
}

describeWithPython('indented settings under a profile (reported)', () => {
  it('adds credential_process so the AWS CLI reads it on its own line, and the indented settings as before', async () => {
    writeFileSync(
      files.config,
      '[default]\nregion = us-west-2\n\n[profile work]\n  region = eu-west-1\n  output = json\n',
    );
    const before = await sectionsRead();
    await setupCliProfile('work', { keywardCommand, region: null, files });
    expect(await sectionsRead()).toEqual({
      ...before,
      'profile work': { ...before['profile work'], credential_process: command('work') },
    });
  });

  it('refuses to take over an indented credential_process of another program, changing nothing', async () => {
    const original =
      '[profile work]\n  region = eu-west-1\n  credential_process = /usr/bin/other-tool --account work\n';
    writeFileSync(files.config, original);
    expect((await sectionsRead())['profile work']).toMatchObject({
      credential_process: '/usr/bin/other-tool --account work',
    });
    const error = await refusal(setupCliProfile('work', { keywardCommand, region: null, files }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/another program/);
    expect(read(files.config)).toBe(original);
    expect(existsSync(`${files.config}.keyward-backup`)).toBe(false);
  });
});

/** Keyward's reading of a file, in the shape the Python helper prints. */
async function keywardReads(file: string, kind: AwsFileKind = 'config'): Promise<BotocoreReading> {
  return awsCliReading(readAwsFile(await readSnapshot(file), kind));
}

type Outcome = 'changes' | 'unchanged' | 'refuses';

interface Case {
  name: string;
  /** The config file's content; a Buffer for bytes that are not UTF-8 text. */
  content: string | Buffer;
  /** What `cli setup --profile work --region eu-west-1` does to it. */
  setup: Outcome;
  /** `cli remove` gives back what the AWS CLI read, though not byte for byte. */
  removeKeepsReadingOnly?: boolean;
}

const managed =
  '# Managed by Keyward: the key is in the OS keychain. "keyward cli remove --profile work" removes this section.';

// Hand-edited files as people write them, and the corners of configparser they run into.
const corpus: Case[] = [
  {
    name: 'a hand-edited file: comments, [default], SSO, nested settings, odd spacing',
    content: handEditedConfig,
    setup: 'changes',
  },
  {
    name: 'indented settings under [profile work]',
    content:
      '[default]\nregion = us-west-2\n\n[profile work]\n  region = eu-west-1\n  output = json\n',
    setup: 'changes',
  },
  {
    name: 'an indented credential_process of another program below an indented setting',
    content:
      '[profile work]\n  region = eu-west-1\n  credential_process = /usr/bin/other-tool --account work\n',
    setup: 'refuses',
  },
  {
    name: 'a credential_process line that is really part of the value above it',
    content: '[profile work]\nregion = eu-west-1\n  credential_process = /usr/bin/other-tool\n',
    setup: 'changes',
  },
  {
    name: 'a nested value with a blank line and a blank-looking line inside',
    content:
      '[profile work]\ns3 =\n    max_concurrent_requests = 20\n\n    multipart_threshold = 64MB\n   \n    max_queue_size = 9\nregion = eu-central-1\n',
    setup: 'changes',
  },
  {
    name: 'a value that goes on after a blank line',
    content: '[default]\nregion = us-east-1\n\n  output = json\n[profile work]\noutput = text\n',
    setup: 'changes',
  },
  {
    name: 'comments inside a nested value, at the margin and indented',
    content:
      '[profile work]\ns3 =\n    max_concurrent_requests = 20\n# a note at the margin\n    ; an indented note\n    multipart_threshold = 64MB\n',
    setup: 'changes',
  },
  {
    name: 'inline comments, which configparser keeps as part of the value',
    content:
      '[default]\nregion = us-east-1 ; where we work\noutput = json # for scripts\n[profile work]\nregion = eu-west-1 ; note\n',
    setup: 'changes',
  },
  {
    name: 'the same section twice',
    content: '[profile work]\nregion = eu-west-1\n[default]\n[profile work]\noutput = json\n',
    setup: 'refuses',
  },
  {
    name: 'one profile under two spellings',
    content: '[profile work]\nregion = eu-west-1\n\n[profile  work]\noutput = json\n',
    setup: 'refuses',
  },
  {
    name: 'one profile under a tab-separated spelling too',
    content: '[profile work]\n[profile\twork]\n',
    setup: 'refuses',
  },
  {
    name: 'a setting twice in one section, in different case',
    content: '[profile work]\nregion = eu-west-1\nRegion = us-east-1\n',
    setup: 'refuses',
  },
  {
    name: 'a bad line before a repeated section (the repeat is what Python reports)',
    content: '[default]\nnot a setting\n[default]\n',
    setup: 'refuses',
  },
  {
    name: 'a UTF-8 byte-order mark',
    content: '\ufeff[default]\nregion = us-east-1\n',
    setup: 'refuses',
  },
  {
    name: 'bytes that are not UTF-8',
    content: Buffer.from('[default]\n# caf\xe9 au lait\nregion = us-east-1\n', 'latin1'),
    setup: 'refuses',
  },
  {
    name: 'Windows line endings and indented settings',
    content:
      '# mine\r\n[default]\r\nregion = us-west-2\r\n\r\n[profile work]\r\n  output = json\r\n',
    setup: 'changes',
  },
  {
    name: 'old Mac line endings',
    content: '[default]\rregion = us-west-2\r[profile work]\r  output = json\r',
    setup: 'changes',
  },
  {
    name: 'tabs, and a nested value indented with two',
    content:
      '[profile work]\n\tregion = eu-west-1\n\ts3 =\n\t\tmax_concurrent_requests = 5\n[default]\noutput = json\n',
    setup: 'changes',
  },
  {
    name: 'a tab after two spaces of indentation (one character, not eight)',
    content: '[profile work]\n  region = eu-west-1\n\toutput = json\n',
    setup: 'changes',
  },
  {
    name: 'a setting indented deeper than the one before it',
    content: '[profile work]\n  region = eu-west-1\n    output = json\n',
    setup: 'changes',
  },
  {
    name: 'empty values',
    content: '[profile work]\nregion =\noutput:\n',
    setup: 'changes',
  },
  {
    name: '[ profile work ], which is no profile at all',
    content: '[ profile work ]\nregion = eu-west-1\n',
    setup: 'changes',
  },
  {
    name: 'a credential_process of another program in capitals',
    content: '[profile work]\nCREDENTIAL_PROCESS = /usr/bin/other-tool\n',
    setup: 'refuses',
  },
  {
    name: 'a region in capitals',
    content: '[profile work]\nRegion = eu-north-1\n',
    setup: 'changes',
  },
  {
    name: 'a DEFAULT section, whose settings every section inherits',
    content: '[DEFAULT]\nregion = eu-north-1\n[default]\noutput = json\n[DEFAULT]\noutput = text\n',
    setup: 'changes',
  },
  {
    name: 'a DEFAULT section with role_arn, which would apply to Keyward’s profile too',
    content: '[DEFAULT]\nrole_arn = arn:aws:iam::123456789012:role/admin\n[default]\n',
    setup: 'refuses',
  },
  {
    name: 'one setting twice across DEFAULT sections',
    content: '[DEFAULT]\nregion = eu-north-1\n[DEFAULT]\nregion = us-east-1\n',
    setup: 'refuses',
  },
  {
    name: 'a setting before any section',
    content: 'region = us-east-1\n[profile work]\n',
    setup: 'refuses',
  },
  {
    name: 'a line that is no setting',
    content: '[profile work]\nregion us-east-1\n',
    setup: 'refuses',
  },
  {
    name: 'a setting without a name',
    content: '[profile work]\n= us-east-1\n',
    setup: 'refuses',
  },
  {
    name: 'empty brackets',
    content: '[default]\n[]\n',
    setup: 'refuses',
  },
  {
    name: 'an indented line under a nested value that is no setting',
    content: '[profile work]\ns3 =\n  max_concurrent_requests 20\n',
    setup: 'refuses',
  },
  {
    name: 'a nested value split by a vertical tab',
    content: '[profile work]\ns3 =\n  max_concurrent_requests = 20\vfast\n',
    setup: 'refuses',
  },
  {
    name: 'a quoted profile name',
    content: '[profile "work"]\noutput = json\n',
    setup: 'changes',
  },
  {
    name: '[profiles work], which botocore takes for profile work',
    content: '[profiles work]\noutput = json\n',
    setup: 'changes',
  },
  {
    name: 'an unclosed quote in a header, which names no profile',
    content: "[profile 'work]\noutput = json\n",
    setup: 'changes',
  },
  {
    name: 'colons, and delimiters inside values',
    content: '[profile work]\nregion: us-east-1\nrole_session_name = a=b\nx : y = z\n',
    setup: 'changes',
  },
  {
    name: 'Unicode white space Python strips but JavaScript would not, and the reverse',
    content:
      '[profile work]\n\u00a0region = eu-west-1\u0085\n\u2003output = json\nnote = a\u2028b \u001f\n\fmode = standard\nzero = \ufeffwidth\n',
    setup: 'changes',
  },
  { name: 'an empty file', content: '', setup: 'changes' },
  {
    name: 'only comments and blank lines',
    content: '# nothing here yet\n\n; really\n',
    setup: 'changes',
  },
  {
    name: 'no line ending at the end',
    content: '[default]\nregion = us-east-1\n[profile work]\n  output = json',
    setup: 'changes',
  },
  {
    name: 'a header swallowed by the value above it',
    content: '[default]\nregion = us-east-1\n  [profile work]\n  output = json\n',
    setup: 'changes',
  },
  {
    name: 'an empty profile followed by an indented header',
    content: '[profile work]\n    [profile other]\n    region = eu-west-1\n',
    setup: 'changes',
  },
  {
    name: 'text after a header’s closing bracket, and a bracket inside one',
    content: '[profile work] ; mine\noutput = json\n[default]]\nregion = us-east-1\n',
    setup: 'changes',
  },
  {
    name: 'names JavaScript objects treat specially',
    content: '[__proto__]\n__proto__ = x\nconstructor = y\n[profile work]\n',
    setup: 'changes',
  },
  {
    name: 'a setting name with spaces',
    content: '[profile work]\nmax attempts = 3\n',
    setup: 'changes',
  },
  {
    name: 'Keyward’s own section, indented by a person',
    content: `[profile work]\n  ${managed}\n  credential_process = ${command('work')}\n  region = eu-west-1\n`,
    setup: 'unchanged',
  },
  {
    name: 'Keyward’s comment moved inside a nested value',
    content: `[profile work]\ns3 =\n  ${managed}\n  max_concurrent_requests = 20\n`,
    setup: 'changes',
    removeKeepsReadingOnly: true,
  },
];

/** Writes each case's file into a folder of its own; returns the config file paths. */
function writeCorpus(cases: readonly Case[]): string[] {
  return cases.map((each, index) => {
    const folder = path.join(files.dir, String(index));
    mkdirSync(folder);
    const file = path.join(folder, 'config');
    writeFileSync(file, each.content);
    return file;
  });
}

const filesIn = (config: string): AwsFiles => ({
  config,
  credentials: path.join(path.dirname(config), 'credentials'),
});

function withoutSection<T>(sections: Record<string, T>, name: string): Record<string, T> {
  return Object.fromEntries(Object.entries(sections).filter(([key]) => key !== name));
}

describeWithPython('reading as the AWS CLI does', () => {
  it('reads every file of the corpus exactly as Python’s configparser does', async () => {
    const configs = writeCorpus(corpus);
    const python = await botocoreReads(configs);
    for (const [index, each] of corpus.entries()) {
      const config = configs[index] ?? '';
      expect.soft(await keywardReads(config), each.name).toEqual(python[index]);
      // The credentials file is read the same way.
      expect.soft(await keywardReads(config, 'credentials'), each.name).toEqual(python[index]);
    }
  });

  it('sets up a profile changing only its credential_process and region, or refuses and writes nothing', async () => {
    const configs = writeCorpus(corpus);
    const before = await botocoreReads(configs);
    const outcomes: Outcome[] = [];
    for (const [index, each] of corpus.entries()) {
      const config = configs[index] ?? '';
      const beforeReading = before[index];
      try {
        const result = await setupCliProfile('work', {
          keywardCommand,
          region: 'eu-west-1',
          files: filesIn(config),
        });
        outcomes.push(result.changed ? 'changes' : 'unchanged');
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        outcomes.push('refuses');
        expect.soft(readFileSync(config), each.name).toEqual(Buffer.from(each.content));
        expect.soft(existsSync(`${config}.keyward-backup`), each.name).toBe(false);
        // A file the AWS CLI cannot read is named in the refusal.
        if (!beforeReading?.ok) expect.soft(error.message, each.name).toContain(config);
      }
    }
    expect(outcomes).toEqual(corpus.map((each) => each.setup));

    const after = await botocoreReads(configs);
    for (const [index, each] of corpus.entries()) {
      const [was, is, config] = [before[index], after[index], configs[index] ?? ''];
      expect.soft(await keywardReads(config), each.name).toEqual(is);
      if (each.setup !== 'changes' || !was?.ok || !is?.ok) continue;
      const section = was.profiles['work']?.[0] ?? 'profile work';
      // Everything else reads as before; the profile gains exactly Keyward's lines.
      expect
        .soft(withoutSection(is.sections, section), each.name)
        .toEqual(withoutSection(was.sections, section));
      expect.soft(is.defaults, each.name).toEqual(was.defaults);
      expect.soft(is.profiles, each.name).toEqual({ ...was.profiles, work: [section] });
      expect.soft(is.sections[section], each.name).toEqual({
        region: 'eu-west-1',
        ...(was.sections[section] ?? was.defaults),
        credential_process: command('work'),
      });
    }
  });

  it('removes a set-up, after which the AWS CLI reads the file as before it', async () => {
    const cases = corpus.filter((each) => each.setup === 'changes');
    const configs = writeCorpus(cases);
    const before = await botocoreReads(configs);
    for (const config of configs) {
      await setupCliProfile('work', {
        keywardCommand,
        region: 'eu-west-1',
        files: filesIn(config),
      });
      expect((await removeCliProfile('work', { files: filesIn(config) })).removed).toBe(true);
    }
    const after = await botocoreReads(configs);
    for (const [index, each] of cases.entries()) {
      const config = configs[index] ?? '';
      expect.soft(after[index], each.name).toEqual(before[index]);
      expect.soft(await keywardReads(config), each.name).toEqual(after[index]);
      if (!each.removeKeepsReadingOnly) {
        expect.soft(readFileSync(config), each.name).toEqual(Buffer.from(each.content));
      }
    }
  });
});

const movedCommand = '"/tmp/.mount_KeywarOld/keyward" credential-process --profile work';

// Set-ups whose Keyward has moved, laid out as a person may have rearranged them.
const staleSetups: { name: string; content: string }[] = [
  {
    name: 'an indented credential_process between indented settings',
    content: `[profile work]\n  region = eu-west-1\n  credential_process = ${movedCommand}\n  output = json\n`,
  },
  {
    name: 'tabs and Windows line endings',
    content: `[default]\r\nregion = us-east-1\r\n[profile work]\r\n\t${managed}\r\n\tcredential_process = ${movedCommand}\r\n\ts3 =\r\n\t\tmax_concurrent_requests = 5\r\n`,
  },
  {
    name: 'a colon and no spaces',
    content: `[profile work]\nCredential_Process:${movedCommand}\n`,
  },
  {
    name: 'blank lines before the next setting',
    content: `[profile work]\ncredential_process = ${movedCommand}\n\n\noutput = json\n`,
  },
];

describeWithPython('repairing a moved Keyward’s set-ups', () => {
  it('changes only the program in credential_process, as the AWS CLI reads it', async () => {
    const configs = staleSetups.map((each, index) => {
      const file = path.join(files.dir, `config-${index}`);
      writeFileSync(file, each.content);
      return file;
    });
    const before = await botocoreReads(configs);
    const exists = (file: string) => file === keywardCommand[0];
    for (const config of configs) {
      const result = await repairCliProfiles({
        keywardCommand,
        region: null,
        files: filesIn(config),
        exists,
      });
      expect(result).toEqual({ repaired: ['work'], notRepaired: [] });
    }
    const after = await botocoreReads(configs);
    for (const [index, each] of staleSetups.entries()) {
      const [was, is] = [before[index], after[index]];
      if (!was?.ok) throw new Error(`Python cannot read the case "${each.name}"`);
      const section = was.profiles['work']?.[0] ?? '';
      expect.soft(is, each.name).toEqual({
        ...was,
        sections: {
          ...was.sections,
          [section]: { ...was.sections[section], credential_process: command('work') },
        },
      });
      expect.soft(await keywardReads(configs[index] ?? ''), each.name).toEqual(is);
    }
  });

  it('says why it cannot repair a set-up in a file the AWS CLI cannot read, and leaves it', async () => {
    const content = `[profile work]\ncredential_process = ${movedCommand}\n[default]\n[default]\n`;
    writeFileSync(files.config, content);
    expect((await botocoreRead(files.config)).ok).toBe(false);
    const result = await repairCliProfiles({
      keywardCommand,
      region: null,
      files,
      exists: (file) => file === keywardCommand[0],
    });
    expect(result.repaired).toEqual([]);
    expect(result.notRepaired).toEqual([
      {
        profile: 'work',
        message: `The AWS CLI cannot read ${files.config}: the heading [default] appears twice (lines 3 and 4).`,
        hint: 'Keyward changed nothing. Merge the two sections into one, or delete one of them, then try again.',
      },
    ]);
    expect(read(files.config)).toBe(content);
  });
});

describeWithPython('refusing what cannot be changed safely', () => {
  it.each([
    ['starts with a byte-order mark', '\ufeff[default]\n', /invisible byte-order mark \(BOM\)/],
    [
      'repeats a section',
      '[profile work]\nregion = eu-west-1\n\n[profile work]\n',
      /the heading \[profile work\] appears twice \(lines 1 and 4\)/,
    ],
    [
      'sets one thing twice',
      '[default]\nregion = a\nREGION = b\n',
      /region is set twice under \[default\] \(lines 2 and 3\)/,
    ],
    ['has a line that means nothing', '[default]\nregion\n', /line 2 is neither/],
    ['has a line before any section', 'region = a\n', /line 1 comes before any \[section\]/],
  ])('names the file and the problem when it %s, and writes nothing', async (_, content, what) => {
    writeFileSync(files.config, content);
    expect((await botocoreRead(files.config)).ok).toBe(false);
    const error = await refusal(setupCliProfile('work', { keywardCommand, region: null, files }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(`The AWS CLI cannot read ${files.config}: `);
    expect(error.message).toMatch(what);
    expect(error.hint).toMatch(/^Keyward changed nothing\. .+, then try again\.$/);
    expect(read(files.config)).toBe(content);
    expect(existsSync(`${files.config}.keyward-backup`)).toBe(false);
  });

  it('names a file that is not UTF-8 text', async () => {
    const content = Buffer.from('[default]\n# caf\xe9\n', 'latin1');
    writeFileSync(files.config, content);
    const error = await refusal(setupCliProfile('work', { keywardCommand, region: null, files }));
    expect(error.message).toBe(
      `The AWS CLI cannot read ${files.config}: it is not saved as UTF-8 text.`,
    );
    expect(readFileSync(files.config)).toEqual(content);
  });

  it('names both places of a profile defined twice', async () => {
    const content = '[profile work]\nregion = eu-west-1\n\n[profile  work]\noutput = json\n';
    writeFileSync(files.config, content);
    const error = await refusal(setupCliProfile('work', { keywardCommand, region: null, files }));
    expect(error.message).toBe(
      `Your AWS config file ${files.config} defines the profile "work" more than once: [profile work] on line 1, [profile  work] on line 4.`,
    );
    expect(read(files.config)).toBe(content);
  });

  it('refuses a set-up while the credentials file cannot be read by the AWS CLI', async () => {
    writeFileSync(files.config, '[default]\n');
    writeFileSync(files.credentials, '\ufeff[default]\n');
    const error = await refusal(setupCliProfile('work', { keywardCommand, region: null, files }));
    expect(error.message).toMatch(`The AWS CLI cannot read ${files.credentials}: `);
    expect(read(files.config)).toBe('[default]\n');
  });

  it('removes nothing from a file the AWS CLI cannot read, and says why', async () => {
    const content = `[profile work]\n${managed}\ncredential_process = ${command('work')}\n[default]\nregion\n`;
    writeFileSync(files.config, content);
    const error = await refusal(removeCliProfile('work', { files }));
    expect(error.message).toBe(
      `The AWS CLI cannot read ${files.config}: line 5 is neither a [section] heading, a "name = value" setting nor a comment.`,
    );
    expect(read(files.config)).toBe(content);
  });

  it('removes nothing when taking its section out would make the next heading part of a value', async () => {
    // Without Keyward's section in between, "   [profile other]" would be indented deeper than
    // "region = us-east-1" and so read as the rest of that value.
    const content = `[default]\nregion = us-east-1\n\n[profile work]\n${managed}\n      credential_process = ${command('work')}\n   [profile other]\n   output = json\n`;
    writeFileSync(files.config, content);
    const before = await botocoreRead(files.config);
    expect(before.ok && Object.keys(before.sections)).toEqual([
      'default',
      'profile work',
      'profile other',
    ]);
    const error = await refusal(removeCliProfile('work', { files }));
    expect(error.message).toBe(
      `Keyward could not change ${files.config} without changing how the AWS CLI reads the rest of it, so it changed nothing.`,
    );
    expect(error.hint).toMatch(/delete the lines it added under \[profile work\]/);
    expect(read(files.config)).toBe(content);
  });
});

describeWithPython('importing a plaintext key', () => {
  const f = keywardForEachTest();
  const importLegacy = () =>
    importPlaintextProfile({ ...f.core, profiles: f.profiles }, 'legacy', {
      keywardCommand,
      region: null,
      files,
    });
  const legacyCommand = command('legacy');

  it('from an indented credentials file with Windows line endings: only its lines change', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    writeFileSync(
      files.credentials,
      `[other]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n\r\n[legacy]\r\n  aws_access_key_id = ${bob.accessKeyId}\r\n  aws_secret_access_key = ${bob.secretAccessKey}\r\n  region = eu-west-1\r\n`,
    );
    writeFileSync(
      files.config,
      '[default]\nregion = us-east-1\n[profile legacy]\n\toutput = json\n',
    );
    const [credentials, config] = await botocoreReads([files.credentials, files.config]);
    await importLegacy();
    const [credentialsAfter, configAfter] = await botocoreReads([files.credentials, files.config]);
    if (!credentials?.ok || !config?.ok) throw new Error('Python cannot read the files');
    expect(credentialsAfter).toEqual({
      ...credentials,
      sections: { ...credentials.sections, legacy: { region: 'eu-west-1' } },
    });
    expect(configAfter).toEqual({
      ...config,
      sections: {
        ...config.sections,
        'profile legacy': { output: 'json', credential_process: legacyCommand },
      },
    });
    expect(await keywardReads(files.credentials, 'credentials')).toEqual(credentialsAfter);
    expect(await keywardReads(files.config)).toEqual(configAfter);
  });

  it('from a tab-indented config section with a nested value: the key goes, the rest stays', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    writeFileSync(
      files.config,
      `[profile legacy]\n\taws_access_key_id = ${bob.accessKeyId}\n\taws_secret_access_key = ${bob.secretAccessKey}\n\ts3 =\n\t\tmax_concurrent_requests = 5\n[default]\noutput = json\n`,
    );
    const config = await botocoreRead(files.config);
    await importLegacy();
    const after = await botocoreRead(files.config);
    if (!config.ok) throw new Error('Python cannot read the file');
    expect(after).toEqual({
      ...config,
      sections: {
        ...config.sections,
        'profile legacy': {
          s3: { max_concurrent_requests: '5' },
          credential_process: legacyCommand,
        },
      },
    });
    expect(await keywardReads(files.config)).toEqual(after);
  });

  it('refuses, keeping nothing, when the credentials file starts with a byte-order mark', async () => {
    const bob = f.sandbox.credentialsFor('bob');
    const content = `\ufeff[legacy]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`;
    writeFileSync(files.credentials, content);
    expect((await botocoreRead(files.credentials)).ok).toBe(false);
    const error = await refusal(importLegacy());
    expect(error.message).toMatch(`The AWS CLI cannot read ${files.credentials}: `);
    expect(read(files.credentials)).toBe(content);
    expect(await f.profiles.get('legacy')).toBeNull();
  });
});
