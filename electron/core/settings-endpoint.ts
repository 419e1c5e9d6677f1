import { AppError } from './errors';
import type { Platform } from './platform';

const loopbackHost = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The window may point Keyward at another endpoint only over https, or over http on this computer
 * (a local test server such as the sandbox): anything else would send keys and secrets across a
 * network in the clear. (The AWS_ENDPOINT_URL settings and the command line are for developers
 * and stay as they are.)
 */
export function checkWindowEndpoint(endpoint: string): void {
  const url = new URL(endpoint);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHost.test(url.hostname)))
    return;
  throw new AppError(
    'invalid-input',
    'Keyward only talks to a test server over a secure connection (an address starting with https://), or to one on this computer.',
    'Use the server’s https:// address, or leave the field empty to talk to AWS itself.',
  );
}

/**
 * From then on another host answers sign-in, key lists, new keys and rotation: the person
 * confirms in a dialog main shows, naming the address, which a page cannot fake or skip.
 */
export async function confirmEndpointChange(
  platform: Pick<Platform, 'confirm'>,
  before: string | null,
  next: string | null,
): Promise<void> {
  if (next === null || next === before) return;
  checkWindowEndpoint(next);
  const confirmed = await platform.confirm({
    title: 'Use a test server instead of AWS?',
    message: `Send everything Keyward asks AWS to ${next}?`,
    detail:
      'Signing in, lists of keys, new keys and their secrets, and key replacements will all go to this address instead of AWS. Only do this for a test server you or your company run and trust.',
    confirm: 'Use this server',
  });
  if (!confirmed) {
    throw new AppError(
      'cancelled',
      'The test server address was not changed.',
      'Keyward still talks to the same place as before.',
    );
  }
}
