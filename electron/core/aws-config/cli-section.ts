import { AppError } from '../errors';
import { isKeywardCommand } from './credential-process-command';
import type { KeyLine, Line, Section } from './ini-lines';
import {
  contentEnd,
  dominantEol,
  isBlank,
  isComment,
  joinLines,
  keysOf,
  sectionsOf,
  splitLines,
} from './ini-lines';
import { profileOfHeader, profileSections, sectionHeader } from './profile-sections';

/**
 * The pure text edits behind `cli setup` and `cli remove`: given the config file's text, the text
 * it should have. Keyward marks what it wrote with a comment, so removing undoes exactly that.
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

export function planSetup(text: string, profile: string, options: SetupOptions): SetupEdit {
  if (options.region !== null && !regionShape.test(options.region)) {
    throw new AppError(
      'invalid-input',
      'That is not an AWS region name.',
      'Use a region such as us-east-1 or eu-west-1.',
    );
  }
  const lines = splitLines(text);
  const eol = dominantEol(lines);
  const section = onlySection(lines, profile);
  if (!section) {
    const added = newSection(profile, options, eol);
    const last = lines.at(-1);
    if (last && last.eol === '') last.eol = eol;
    if (last && !isBlank(last)) added.unshift({ text: '', eol });
    const next = joinLines([...lines, ...added]);
    return { text: next, changed: true };
  }

  const keys = keysOf(lines, section);
  const command = keys.find((key) => key.key === 'credential_process');
  if (command && !isKeywardCommand(command.value, profile)) {
    throw new AppError(
      'conflict',
      `The AWS profile "${profile}" already gets its credentials from another program (credential_process).`,
      'Choose another profile name, or remove that line from your AWS config file first.',
    );
  }
  const dropped = options.dropPlaintextKeys ? plaintextKeys : [];
  const conflicting = keys.filter(
    (key) => otherSources.includes(key.key) && !dropped.includes(key.key),
  );
  if (conflicting.length > 0) {
    throw new AppError(
      'conflict',
      `The AWS profile "${profile}" already gets its credentials another way (${conflicting.map((key) => key.key).join(', ')}).`,
      'Choose another profile name, or remove those lines from your AWS config file first.',
    );
  }

  const edits = new Map<number, Line[]>();
  const removed = new Set<number>();
  for (const key of keys.filter((k) => dropped.includes(k.key))) removeKey(removed, key);
  const commandLine = `credential_process = ${options.command}`;
  if (command) {
    if (command.value !== options.command) {
      edits.set(command.index, [{ text: commandLine, eol: lines[command.index]?.eol ?? eol }]);
      for (let index = command.index + 1; index < command.end; index++) removed.add(index);
    }
  } else {
    const marker = markerOf(lines, section);
    const adding: KeywardKey[] = ['credential_process'];
    const hasRegion = keys.some((key) => key.key === 'region');
    if (options.region !== null && !hasRegion) adding.push('region');
    const inserted: Line[] = [];
    if (marker?.kind === 'added') {
      for (const key of marker.keys) if (!adding.includes(key)) adding.push(key);
      removed.add(marker.index);
    }
    if (marker?.kind !== 'created') inserted.push({ text: addedComment(adding, profile), eol });
    inserted.push({ text: commandLine, eol });
    if (options.region !== null && !hasRegion) {
      inserted.push({ text: `region = ${options.region}`, eol });
    }
    const after = marker?.kind === 'created' ? marker.index : section.start;
    const anchor = lines[after];
    if (anchor && anchor.eol === '') anchor.eol = eol;
    edits.set(after, [...(edits.get(after) ?? [anchor ?? { text: '', eol }]), ...inserted]);
  }
  if (edits.size === 0 && removed.size === 0) return { text, changed: false };
  return { text: applyEdits(lines, edits, removed), changed: true };
}

export interface RemoveEdit {
  text: string;
  removed: boolean;
}

export function planRemove(text: string, profile: string): RemoveEdit {
  const lines = splitLines(text);
  const section = onlySection(lines, profile);
  if (!section) return { text, removed: false };
  const keys = keysOf(lines, section);
  const command = keys.find(
    (key) => key.key === 'credential_process' && isKeywardCommand(key.value, profile),
  );
  const marker = markerOf(lines, section);
  const removed = new Set<number>();

  if (marker?.kind === 'created') {
    const othersKeys = keys.filter((key) => !(keywardKeys as readonly string[]).includes(key.key));
    if (othersKeys.length === 0) {
      // Keyward made the whole section: take it out with the blank line written before it.
      for (let index = section.start; index < contentEnd(lines, section); index++) {
        removed.add(index);
      }
      const before = lines[section.start - 1];
      if (before && isBlank(before)) removed.add(section.start - 1);
    } else {
      // Someone added their own settings to it since: keep those and the header.
      removed.add(marker.index);
      for (const key of keys) {
        if (key.key === 'region' || key === command) removeKey(removed, key);
      }
    }
  } else if (marker?.kind === 'added') {
    removed.add(marker.index);
    for (const key of keys) {
      if (
        key.key === 'credential_process'
          ? key === command
          : marker.keys.includes(key.key as KeywardKey)
      ) {
        removeKey(removed, key);
      }
    }
  } else if (command) {
    removeKey(removed, command);
  }
  if (removed.size === 0) return { text, removed: false };
  return { text: applyEdits(lines, new Map(), removed), removed: true };
}

/** Whether the profile's section is Keyward's, belongs to something else, or is not there. */
export function sectionState(text: string, profile: string): 'keyward' | 'other' | 'absent' {
  const lines = splitLines(text);
  const sections = profileSections(lines, profile, 'config');
  if (sections.length === 0) return 'absent';
  const keyward = sections.some((section) =>
    keysOf(lines, section).some(
      (key) => key.key === 'credential_process' && isKeywardCommand(key.value, profile),
    ),
  );
  return keyward ? 'keyward' : 'other';
}

/** Every profile whose credential_process is one Keyward wrote, with that command. */
export function keywardCommands(text: string): { profile: string; command: string }[] {
  const lines = splitLines(text);
  const found: { profile: string; command: string }[] = [];
  for (const section of sectionsOf(lines)) {
    const profile = profileOfHeader(section.header);
    if (profile === null) continue;
    for (const key of keysOf(lines, section)) {
      if (key.key === 'credential_process' && isKeywardCommand(key.value, profile)) {
        found.push({ profile, command: key.value });
      }
    }
  }
  return found;
}

function onlySection(lines: Line[], profile: string): Section | null {
  const sections = profileSections(lines, profile, 'config');
  if (sections.length > 1) {
    throw new AppError(
      'conflict',
      `Your AWS config file defines the profile "${profile}" more than once.`,
      'Remove the duplicate section by hand (the AWS CLI refuses such a file too), then try again.',
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

function newSection(profile: string, options: SetupOptions, eol: string): Line[] {
  const section = [
    sectionHeader(profile, 'config'),
    `# Managed by Keyward: the key is in the OS keychain. "keyward cli remove --profile ${profile}" removes this section.`,
    `credential_process = ${options.command}`,
  ];
  if (options.region !== null) section.push(`region = ${options.region}`);
  return section.map((text) => ({ text, eol }));
}

function addedComment(keys: readonly KeywardKey[], profile: string): string {
  const plural = keys.length > 1 ? 'lines' : 'line';
  return `# Keyward added the ${keys.join(' and ')} ${plural} below. "keyward cli remove --profile ${profile}" removes them.`;
}

function removeKey(removed: Set<number>, key: KeyLine): void {
  for (let index = key.index; index < key.end; index++) removed.add(index);
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
