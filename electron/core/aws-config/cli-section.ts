import { AppError } from '../errors';
import { isKeywardCommand } from './credential-process-command';
import type { AwsFile } from './aws-cli-reading';
import { checkEdit, requireReadable, settingsOf } from './aws-cli-reading';
import type { IniFile, KeyLine, Line, Section } from './ini-lines';
import { contentEnd, dominantEol, isBlank, isComment, joinLines, keyLines } from './ini-lines';
import { profileOfHeader, profileSections, sectionHeader } from './profile-sections';
import { leadingSpace } from './python-text';

/**
 * The pure text edits behind `cli setup` and `cli remove`: given the config file as read, the text
 * it should have. Keyward marks what it wrote with a comment, so removing undoes exactly that.
 * Each edit is read back the way the AWS CLI reads it (checkEdit) before it may be written.
 */

/** Lines Keyward writes in a profile section. Never aws_secret_access_key. */
const keywardKeys = ['credential_process', 'region'] as const;
type KeywardKey = (typeof keywardKeys)[number];

/** Settings that give a profile its credentials some other way; Keyward will not override them. */
const otherSources = [
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'sso_session',
  'sso_start_url',
  'sso_account_id',
  'sso_role_name',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
];
export const plaintextKeys = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

const createdMarker = /^\s*#\s*Managed by Keyward\b/;
const addedMarker = /^\s*#\s*Keyward added the ([a-z_]+(?: and [a-z_]+)?) lines? below\b/;

const regionShape = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export interface SetupEdit {
  text: string;
  changed: boolean;
}

export interface SetupOptions {
  /** The full credential_process value (see credentialProcessCommand). */
  command: string;
  region: string | null;
  /** Import only: aws_access_key_id / aws_secret_access_key lines in the section are removed. */
  dropPlaintextKeys?: boolean;
}

export function planSetup(config: AwsFile, profile: string, options: SetupOptions): SetupEdit {
  if (options.region !== null && !regionShape.test(options.region)) {
    throw new AppError(
      'invalid-input',
      'That is not an AWS region name.',
      'Use a region such as us-east-1 or eu-west-1.',
    );
  }
  requireReadable(config);
  const { ini } = config;
  const lines = ini.lines.map((line) => ({ ...line }));
  const eol = dominantEol(lines);
  const section = onlySection(config, profile);
  const settings = settingsOf(ini, section);
  const command = settings.find((setting) => setting.key === 'credential_process');
  if (command && (command.inherited || !isKeywardCommand(command.value, profile))) {
    throw new AppError(
      'conflict',
      `The AWS profile "${profile}" already gets its credentials from another program (credential_process${command.inherited ? ', set for every profile in the [DEFAULT] section' : ''}).`,
      'Choose another profile name, or remove that line from your AWS config file first.',
    );
  }
  const dropped = options.dropPlaintextKeys ? plaintextKeys : [];
  const conflicting = settings.filter(
    (setting) =>
      otherSources.includes(setting.key) && (setting.inherited || !dropped.includes(setting.key)),
  );
  if (conflicting.length > 0) {
    const named = conflicting.map((setting) =>
      setting.inherited ? `${setting.key}, set for every profile in [DEFAULT]` : setting.key,
    );
    throw new AppError(
      'conflict',
      `The AWS profile "${profile}" already gets its credentials another way (${named.join('; ')}).`,
      'Choose another profile name, or remove those lines from your AWS config file first.',
    );
  }
  const commandLine = `credential_process = ${options.command}`;
  const hint = `Keyward changed nothing. You can add this line under ${section ? `[${section.header}]` : sectionHeader(profile, 'config')} in ${config.file} yourself: ${commandLine}`;

  // Written only when the profile has none yet, not even one it inherits from [DEFAULT].
  const region = settings.some((setting) => setting.key === 'region') ? null : options.region;

  if (!section) {
    const added = newSection(profile, options.command, region, eol);
    const last = lines.at(-1);
    if (last && last.eol === '') last.eol = eol;
    if (last && !isBlank(last)) added.unshift({ text: '', eol });
    const next = joinLines([...lines, ...added]);
    checkEdit(
      config,
      next,
      (all) => {
        const own = new Map([['credential_process', options.command]]);
        if (region !== null) own.set('region', region);
        all.set(sectionHeader(profile, 'config').slice(1, -1), own);
      },
      hint,
    );
    return { text: next, changed: true };
  }

  const edits = new Map<number, Line[]>();
  const removed = new Set<number>();
  for (const key of section.keys.filter((k) => dropped.includes(k.key))) {
    removeKey(removed, ini, key);
  }
  if (command) {
    if (command.value !== options.command) {
      // The line keeps its own indentation, name and "=" spacing; only the value changes.
      const line = lines[command.index] ?? { text: '', eol };
      edits.set(command.index, [
        { text: line.text.slice(0, command.valueStart) + options.command, eol: line.eol },
      ]);
      removeKey(removed, ini, command);
      removed.delete(command.index);
    }
  } else {
    const marker = markerOf(lines, section);
    const adding: KeywardKey[] = ['credential_process'];
    if (region !== null) adding.push('region');
    const inserted: string[] = [];
    if (marker?.kind === 'added') {
      for (const key of marker.keys) if (!adding.includes(key)) adding.push(key);
      removed.add(marker.index);
    }
    if (marker?.kind !== 'created') inserted.push(addedComment(adding, profile));
    inserted.push(commandLine);
    if (region !== null) inserted.push(`region = ${region}`);
    const after = insertionPoint(ini, section, marker?.kind === 'created' ? marker.index : null);
    const indent = indentBelow(ini, after, removed);
    const anchor = lines[after];
    if (anchor && anchor.eol === '') anchor.eol = eol;
    edits.set(after, [
      anchor ?? { text: '', eol },
      ...inserted.map((text) => ({ text: indent + text, eol })),
    ]);
  }
  if (edits.size === 0 && removed.size === 0) return { text: joinLines(ini.lines), changed: false };
  const next = applyEdits(lines, edits, removed);
  checkEdit(
    config,
    next,
    (all) => {
      const own = all.get(section.header);
      for (const key of dropped) own?.delete(key);
      own?.set('credential_process', options.command);
      if (region !== null && !command) own?.set('region', region);
    },
    hint,
  );
  return { text: next, changed: true };
}

/**
 * Where Keyward's lines go: below its own "Managed by Keyward" comment when there is one, else
 * right below the header. Never between a setting and the indented lines that continue it.
 */
function insertionPoint(ini: IniFile, section: Section, marker: number | null): number {
  if (marker === null) return section.start;
  const next = nextContent(ini, marker, new Set());
  return next !== null && ini.roles[next] === 'continuation' ? section.start : marker;
}

/**
 * The indentation for lines inserted after line `after`: that of the next line that is read,
 * which starts a setting or a section. configparser reads a line indented deeper than the setting
 * above it as part of that setting's value, so an inserted line indented less would swallow the
 * settings below it, and one indented more would be swallowed by the setting above.
 */
function indentBelow(ini: IniFile, after: number, removed: ReadonlySet<number>): string {
  const next = nextContent(ini, after, removed);
  return next === null ? '' : leadingSpace(ini.lines[next]?.text ?? '');
}

function nextContent(ini: IniFile, after: number, removed: ReadonlySet<number>): number | null {
  for (let index = after + 1; index < ini.lines.length; index++) {
    const role = ini.roles[index];
    if (role !== 'blank' && role !== 'comment' && !removed.has(index)) return index;
  }
  return null;
}

export interface RemoveEdit {
  text: string;
  removed: boolean;
}

export function planRemove(config: AwsFile, profile: string): RemoveEdit {
  const { ini } = config;
  const original = joinLines(ini.lines);
  const sections = profileSections(ini, profile, 'config');
  const plans = sections.map((section) => removalIn(ini, section, profile));
  const plan = plans.find((each) => each.removed.size > 0);
  if (!plan) return { text: original, removed: false };
  // There is something of Keyward's to take out: only now does the file have to be sound.
  requireReadable(config);
  const section = onlySection(config, profile);
  if (!section) return { text: original, removed: false };
  const next = applyEdits(ini.lines, new Map(), plan.removed);
  checkEdit(
    config,
    next,
    (all) => {
      if (plan.wholeSection) all.delete(section.header);
      else for (const key of plan.keys) all.get(section.header)?.delete(key);
    },
    `Keyward changed nothing. You can delete the lines it added under [${section.header}] in ${config.file} yourself.`,
  );
  return { text: next, removed: true };
}

interface Removal {
  removed: Set<number>;
  /** The settings that go, or the whole section. */
  keys: string[];
  wholeSection: boolean;
}

/** What removing Keyward's lines from one section takes out. */
function removalIn(ini: IniFile, section: Section, profile: string): Removal {
  const { lines } = ini;
  const keys = section.keys;
  const command = keys.find(
    (key) => key.key === 'credential_process' && isKeywardCommand(key.value, profile),
  );
  const marker = markerOf(lines, section);
  const removed = new Set<number>();
  const gone: KeyLine[] = [];

  if (marker?.kind === 'created') {
    const othersKeys = keys.filter((key) => !(keywardKeys as readonly string[]).includes(key.key));
    if (othersKeys.length === 0) {
      // Keyward made the whole section: take it out with the blank line written before it.
      for (let index = section.start; index < contentEnd(lines, section); index++) {
        removed.add(index);
      }
      const before = lines[section.start - 1];
      if (before && isBlank(before)) removed.add(section.start - 1);
      return { removed, keys: [], wholeSection: true };
    }
    // Someone added their own settings to it since: keep those and the header.
    removed.add(marker.index);
    gone.push(...keys.filter((key) => key.key === 'region' || key === command));
  } else if (marker?.kind === 'added') {
    removed.add(marker.index);
    gone.push(
      ...keys.filter((key) =>
        key.key === 'credential_process'
          ? key === command
          : marker.keys.includes(key.key as KeywardKey),
      ),
    );
  } else if (command) {
    gone.push(command);
  }
  for (const key of gone) removeKey(removed, ini, key);
  return { removed, keys: gone.map((key) => key.key), wholeSection: false };
}

/** Whether the profile's section is Keyward's, belongs to something else, or is not there. */
export function sectionState(config: AwsFile, profile: string): 'keyward' | 'other' | 'absent' {
  const sections = profileSections(config.ini, profile, 'config');
  if (sections.length === 0) return 'absent';
  const keyward = sections.some((section) =>
    section.keys.some(
      (key) => key.key === 'credential_process' && isKeywardCommand(key.value, profile),
    ),
  );
  return keyward ? 'keyward' : 'other';
}

/** Every profile whose credential_process is one Keyward wrote, with that command. */
export function keywardCommands(config: AwsFile): { profile: string; command: string }[] {
  const found: { profile: string; command: string }[] = [];
  for (const section of config.ini.sections) {
    const profile = profileOfHeader(section.header);
    if (profile === null) continue;
    for (const key of section.keys) {
      if (key.key === 'credential_process' && isKeywardCommand(key.value, profile)) {
        found.push({ profile, command: key.value });
      }
    }
  }
  return found;
}

function onlySection(config: AwsFile, profile: string): Section | null {
  const sections = profileSections(config.ini, profile, 'config');
  if (sections.length > 1) {
    const where = sections.map((section) => `[${section.header}] on line ${section.start + 1}`);
    throw new AppError(
      'conflict',
      `Your AWS config file ${config.file} defines the profile "${profile}" more than once: ${where.join(', ')}.`,
      'Keyward changed nothing. Merge them into one section by hand (the AWS CLI would use only the last), then try again.',
    );
  }
  return sections[0] ?? null;
}

type Marker =
  { kind: 'created'; index: number } | { kind: 'added'; index: number; keys: KeywardKey[] };

function markerOf(lines: readonly Line[], section: Section): Marker | null {
  for (let index = section.start + 1; index < section.end; index++) {
    const line = lines[index];
    if (!line || !isComment(line)) continue;
    if (createdMarker.test(line.text)) return { kind: 'created', index };
    const added = addedMarker.exec(line.text);
    if (added?.[1]) {
      const keys = added[1]
        .split(' and ')
        .filter((key): key is KeywardKey => (keywardKeys as readonly string[]).includes(key));
      return { kind: 'added', index, keys };
    }
  }
  return null;
}

function newSection(profile: string, command: string, region: string | null, eol: string): Line[] {
  const section = [
    sectionHeader(profile, 'config'),
    `# Managed by Keyward: the key is in the OS keychain. "keyward cli remove --profile ${profile}" removes this section.`,
    `credential_process = ${command}`,
  ];
  if (region !== null) section.push(`region = ${region}`);
  return section.map((text) => ({ text, eol }));
}

function addedComment(keys: readonly KeywardKey[], profile: string): string {
  const plural = keys.length > 1 ? 'lines' : 'line';
  return `# Keyward added the ${keys.join(' and ')} ${plural} below. "keyward cli remove --profile ${profile}" removes them.`;
}

function removeKey(removed: Set<number>, ini: IniFile, key: KeyLine): void {
  for (const index of keyLines(ini, key)) removed.add(index);
}

/** Rebuilds the file: `edits` replace a line with several, `removed` lines go; the rest stay. */
function applyEdits(
  lines: readonly Line[],
  edits: Map<number, Line[]>,
  removed: Set<number>,
): string {
  const out: Line[] = [];
  lines.forEach((line, index) => {
    if (removed.has(index)) return;
    out.push(...(edits.get(index) ?? [line]));
  });
  return joinLines(out);
}
