import { AppError } from '../errors';
import type { FileSnapshot } from './aws-files';
import type { IniFile, IniProblem, KeyLine, Section } from './ini-lines';
import { defaultSection, parseIni } from './ini-lines';
import type { AwsFileKind } from './profile-sections';
import { profileOfHeader } from './profile-sections';
import { pySplitlines, pyStrip } from './python-text';

/**
 * What the AWS CLI reads from a shared file: botocore's raw_config_parse (configloader.py) over
 * the lines as `ini-lines` classifies them. Keyward edits a file only when the AWS CLI can read
 * it, and only when, read again, the edit changes exactly what it meant to.
 */

/** Why botocore gives up on a file, by the name of the Python exception it catches. */
export type AwsCliError =
  | 'UnicodeDecodeError'
  | 'MissingSectionHeaderError'
  | 'DuplicateSectionError'
  | 'DuplicateOptionError'
  | 'ParsingError'
  /** An indented value (`s3 =` and lines below) with a line that is not `name = value`. */
  | 'NestedValueError';

export type SettingValue = string | Record<string, string>;

export type AwsCliReading =
  | {
      ok: true;
      /** Every section but DEFAULT, whose settings each of them inherits. */
      sections: Record<string, Record<string, SettingValue>>;
      /** The DEFAULT section's own settings, as written (nothing parsed out of them). */
      defaults: Record<string, string>;
      /** Profile name → every section naming it in a config file, in file order. */
      profiles: Record<string, string[]>;
    }
  | { ok: false; error: AwsCliError };

/** A shared file as read: its lines and, when the AWS CLI cannot read it, why. */
export interface AwsFile {
  file: string;
  kind: AwsFileKind;
  ini: IniFile;
  problem: FileProblem | null;
}

export interface FileProblem {
  error: AwsCliError;
  /** What is wrong, for "The AWS CLI cannot read FILE: …". */
  what: string;
  /** What to do about it. */
  fix: string;
}

export function readAwsFile(
  snapshot: Pick<FileSnapshot, 'file' | 'text' | 'utf8'>,
  kind: AwsFileKind,
): AwsFile {
  const ini = parseIni(snapshot.text);
  const problem = snapshot.utf8
    ? describe(ini, firstProblem(ini) ?? nestedProblem(ini))
    : {
        error: 'UnicodeDecodeError' as const,
        what: 'it is not saved as UTF-8 text',
        fix: 'Open it in a text editor, save it with the UTF-8 encoding, then try again.',
      };
  return { file: snapshot.file, kind, ini, problem };
}

/** Refuses, in words a person can act on, to edit a file the AWS CLI cannot read. */
export function requireReadable(file: AwsFile): void {
  if (file.problem) {
    throw new AppError(
      'conflict',
      `The AWS CLI cannot read ${file.file}: ${file.problem.what}.`,
      `Keyward changed nothing. ${file.problem.fix}`,
    );
  }
}

/** Everything botocore's raw_config_parse returns for the file, or the error it raises. */
export function awsCliReading(file: AwsFile): AwsCliReading {
  if (file.problem) return { ok: false, error: file.problem.error };
  const sections = new Map<string, Record<string, SettingValue>>();
  const profiles = new Map<string, string[]>();
  for (const section of file.ini.sections) {
    if (section.header === defaultSection) continue;
    const values = settingsOf(file.ini, section).map(
      (setting) => [setting.key, nested(setting.value) ?? setting.value] as const,
    );
    // Object.fromEntries, unlike assignment, keeps a setting named __proto__ as data.
    sections.set(section.header, Object.fromEntries(values));
    const profile = profileOfHeader(section.header);
    if (profile !== null) profiles.set(profile, [...(profiles.get(profile) ?? []), section.header]);
  }
  const defaults = ownSettings(file.ini).get(defaultSection) ?? new Map<string, string>();
  return {
    ok: true,
    sections: Object.fromEntries(sections),
    defaults: Object.fromEntries(defaults),
    profiles: Object.fromEntries(profiles),
  };
}

/** A setting as a profile sees it: its own, or inherited from the DEFAULT section. */
export interface Setting extends KeyLine {
  inherited: boolean;
}

/**
 * The settings the AWS CLI sees in a section (or in a section yet to be written, for null): its
 * own, then those of DEFAULT sections it does not set itself (RawConfigParser.options and get).
 */
export function settingsOf(ini: IniFile, section: Section | null): Setting[] {
  const own = (section?.keys ?? []).map((key) => ({ ...key, inherited: false }));
  const inherited = ini.sections
    .filter((each) => each.header === defaultSection && each !== section)
    .flatMap((each) => each.keys)
    .filter((key) => !own.some((setting) => setting.key === key.key))
    .map((key) => ({ ...key, inherited: true }));
  const settings: Setting[] = [];
  for (const setting of [...own, ...inherited]) {
    if (!settings.some((seen) => seen.key === setting.key)) settings.push(setting);
  }
  return settings;
}

/** Section → its own settings (DEFAULT's under "DEFAULT"): what an edit must keep, or change. */
export type OwnSettings = Map<string, Map<string, string>>;

export function ownSettings(ini: IniFile): OwnSettings {
  const all: OwnSettings = new Map();
  for (const section of ini.sections) {
    const settings = all.get(section.header) ?? new Map<string, string>();
    for (const key of section.keys) settings.set(key.key, key.value);
    all.set(section.header, settings);
  }
  return all;
}

/**
 * Refuses an edit unless the AWS CLI can read the edited text and reads in it exactly what it
 * read before, changed as `expect` says. Every edit is checked this way, so a layout the planner
 * did not foresee costs a refusal, never a broken or silently different config file.
 */
export function checkEdit(
  before: AwsFile,
  text: string,
  expect: (settings: OwnSettings) => void,
  hint: string,
): void {
  const after = readAwsFile({ file: before.file, text, utf8: true }, before.kind);
  const expected = ownSettings(before.ini);
  expect(expected);
  if (after.problem || !sameSettings(ownSettings(after.ini), expected)) {
    throw new AppError(
      'conflict',
      `Keyward could not change ${before.file} without changing how the AWS CLI reads the rest of it, so it changed nothing.`,
      hint,
    );
  }
}

function sameSettings(a: OwnSettings, b: OwnSettings): boolean {
  if (a.size !== b.size) return false;
  for (const [header, settings] of a) {
    const other = b.get(header);
    if (!other || other.size !== settings.size) return false;
    for (const [key, value] of settings) if (other.get(key) !== value) return false;
  }
  return true;
}

/** The problem Python raises first: the first fatal one in the file, else a bad line. */
function firstProblem(ini: IniFile): IniProblem | null {
  return ini.problems.find((problem) => problem.kind !== 'parsing') ?? ini.problems[0] ?? null;
}

type NestedProblem = { kind: 'nested'; index: number; header: string; key: string };

/** botocore's _parse_nested over each value that starts on the line below its name. */
function nestedProblem(ini: IniFile): NestedProblem | null {
  for (const section of ini.sections) {
    if (section.header === defaultSection) continue;
    for (const setting of settingsOf(ini, section)) {
      if (setting.value.startsWith('\n') && nested(setting.value) === null) {
        return { kind: 'nested', index: setting.index, header: section.header, key: setting.key };
      }
    }
  }
  return null;
}

function nested(value: string): Record<string, string> | null {
  if (!value.startsWith('\n')) return null;
  const parsed = new Map<string, string>();
  for (const line of pySplitlines(value).map(pyStrip)) {
    if (line === '') continue;
    const at = line.indexOf('=');
    if (at < 0) return null;
    parsed.set(pyStrip(line.slice(0, at)), pyStrip(line.slice(at + 1)));
  }
  return Object.fromEntries(parsed);
}

function describe(ini: IniFile, problem: IniProblem | NestedProblem | null): FileProblem | null {
  if (!problem) return null;
  const line = problem.index + 1;
  switch (problem.kind) {
    case 'missing-section-header':
      return ini.lines[0]?.text.startsWith('\ufeff') && problem.index === 0
        ? {
            error: 'MissingSectionHeaderError',
            what: 'it starts with an invisible byte-order mark (BOM)',
            fix: 'Save it again as UTF-8 without a BOM (text editors offer this when saving), then try again.',
          }
        : {
            error: 'MissingSectionHeaderError',
            what: `line ${line} comes before any [section] heading`,
            fix: 'Move that line under the heading it belongs to, or delete it, then try again.',
          };
    case 'duplicate-section':
      return {
        error: 'DuplicateSectionError',
        what: `the heading [${problem.header}] appears twice (lines ${problem.first + 1} and ${line})`,
        fix: 'Merge the two sections into one, or delete one of them, then try again.',
      };
    case 'duplicate-option':
      return {
        error: 'DuplicateOptionError',
        what: `${problem.key} is set twice under [${problem.header}] (lines ${problem.first + 1} and ${line})`,
        fix: 'Delete the line you no longer want, then try again.',
      };
    case 'parsing':
      return {
        error: 'ParsingError',
        what: `line ${line} is neither a [section] heading, a "name = value" setting nor a comment`,
        fix: 'Correct or delete that line (comments start with # or ;), then try again.',
      };
    case 'nested':
      return {
        error: 'NestedValueError',
        what: `the indented lines below ${problem.key} under [${problem.header}] (line ${line}) are not all "name = value" settings`,
        fix: 'Correct those lines, or indent them no deeper than the line above if they are settings of their own, then try again.',
      };
  }
}
