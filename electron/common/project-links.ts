/**
 * Where Keyward's own documentation lives: the README on the project's page. The Help menu links
 * to its sections; the external-link allow-list accepts this page and nothing else on the host.
 */
export const projectPage = 'https://github.com/keyward/keyward';

/** The README sections the Help menu opens, by their heading (GitHub makes the anchors). */
export const helpSections = [
  { label: 'How to use Keyward', heading: 'Use it' },
  { label: 'What Keyward keeps where', heading: 'What Keyward stores where (the security model)' },
  { label: 'What Keyward does in the background', heading: 'In the background' },
  { label: 'What Keyward cannot do', heading: 'Limits' },
] as const;

/** GitHub's anchor for a heading: lower case, spaces to dashes, punctuation dropped. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

export function readmeSectionUrl(heading: string): string {
  return `${projectPage}#${headingAnchor(heading)}`;
}
