/**
 * The only places a link in Keyward may open, in the system browser: AWS's own documentation and
 * console. Anything else (other sites, file:, custom schemes) is refused.
 */
const allowedHosts = new Set(['docs.aws.amazon.com', 'aws.amazon.com', 'console.aws.amazon.com']);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    allowedHosts.has(parsed.hostname)
  );
}
