import type { Line, Section } from './ini-lines';
import { sectionsOf } from './ini-lines';

/** Which file a section lives in: the config file says `[profile NAME]`, credentials `[NAME]`. */
export type AwsFileKind = 'config' | 'credentials';

/**
 * The sections that define `profile` in that file. The AWS CLI reads `[default]` and
 * `[profile default]` alike, and `[profile "name"]` with quotes, so all are found.
 */
export function profileSections(
  lines: readonly Line[],
  profile: string,
  kind: AwsFileKind,
): Section[] {
  return sectionsOf(lines).filter((section) => {
    const header = section.header;
    if (kind === 'credentials') return header === profile;
    return profileOfHeader(header) === profile;
  });
}

/** The profile a config-file section header names (`default`, `profile NAME`), or null. */
export function profileOfHeader(header: string): string | null {
  if (header === 'default') return 'default';
  const parts = header.split(/\s+/);
  return parts.length === 2 && parts[0] === 'profile' ? unquote(parts[1] ?? '') : null;
}

export function sectionHeader(profile: string, kind: AwsFileKind): string {
  return kind === 'credentials' || profile === 'default' ? `[${profile}]` : `[profile ${profile}]`;
}

function unquote(text: string): string {
  const match = /^(["'])(.*)\1$/.exec(text);
  return match ? (match[2] ?? '') : text;
}
