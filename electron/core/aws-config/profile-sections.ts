import type { IniFile, Section } from './ini-lines';
import { defaultSection } from './ini-lines';
import { shlexSplit } from './python-text';

/** Which file a section lives in: the config file says `[profile NAME]`, credentials `[NAME]`. */
export type AwsFileKind = 'config' | 'credentials';

/**
 * The sections that define `profile` in that file, in file order (botocore uses the last; Keyward
 * refuses to edit a profile defined twice). In the config file `[default]` and
 * `[profile default]` alike, and `[profile "name"]` with quotes.
 */
export function profileSections(ini: IniFile, profile: string, kind: AwsFileKind): Section[] {
  return ini.sections.filter((section) => profileOf(section.header, kind) === profile);
}

/** The profile a section defines in that kind of file, or null. */
export function profileOf(header: string, kind: AwsFileKind): string | null {
  if (kind === 'config') return profileOfHeader(header);
  // configparser's DEFAULT section is never a section of its own: its settings go to all others.
  return header === defaultSection ? null : header;
}

/**
 * The profile a config-file section header names, as botocore's build_profile_map decides:
 * exactly `default`, or a header that starts with "profile" and splits (like a shell) into two
 * words, the second being the name. So `[profile  work]` and `[profile "work"]` are "work", while
 * `[ profile work]`, `[Profile work]` and `[profile a b]` are no profile at all.
 */
export function profileOfHeader(header: string): string | null {
  if (header === 'default') return 'default';
  if (!header.startsWith('profile')) return null;
  const words = shlexSplit(header);
  return words?.length === 2 ? (words[1] ?? null) : null;
}

export function sectionHeader(profile: string, kind: AwsFileKind): string {
  return kind === 'credentials' || profile === 'default' ? `[${profile}]` : `[profile ${profile}]`;
}
