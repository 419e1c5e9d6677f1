import { projectPage } from '../../common/project-links';

/**
 * The only places a link in Keyward may open, in the system browser: AWS's own documentation and
 * console. Anything else (other sites, file:, custom schemes) is refused, except the one e-mail
 * draft `isAllowedMailDraft` describes.
 */
const allowedHosts = new Set(['docs.aws.amazon.com', 'aws.amazon.com', 'console.aws.amazon.com']);

/** Keyward's own page (the Help menu's README sections); nothing else on its host. */
const ownPage = new URL(projectPage);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') return isAllowedMailDraft(parsed);
  if (parsed.origin === ownPage.origin && parsed.pathname === ownPage.pathname) {
    return parsed.username === '' && parsed.password === '' && parsed.search === '';
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    allowedHosts.has(parsed.hostname)
  );
}

/** Fields an e-mail draft may fill in: mail programs also take `attach`, `cc`, `bcc`… */
const mailDraftFields = new Set(['subject', 'body']);

/**
 * A `mailto:` link only opens a draft the person reads and sends themselves ("Email it to my
 * admin"): no addressee (they choose it), only a subject and a body, each at most once. Fields
 * such as `attach` (which some mail programs honour) or hidden recipients (`cc`, `bcc`, `to`)
 * would let a page send more, or elsewhere, than the person sees, so they are refused.
 */
function isAllowedMailDraft(parsed: URL): boolean {
  if (parsed.pathname !== '' || parsed.hash !== '') return false;
  const names = [...parsed.searchParams.keys()];
  return (
    names.length > 0 &&
    names.every((name) => mailDraftFields.has(name)) &&
    new Set(names).size === names.length
  );
}
