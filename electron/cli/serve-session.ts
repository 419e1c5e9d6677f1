import { CredentialService } from '../core/sessions/credential-service';
import { SessionCache } from '../core/sessions/session-cache';
import { sessionOutput } from '../core/sessions/session-entry';
import { placeFrom, SettingsFile } from '../core/settings';
import { ProfileStore } from '../core/vault/profile-store';
import type { SecretStore } from '../core/vault/secret-store';
import type { MfaPrompt } from '../core/sessions/mfa-prompt';
import { mfaPromptFor } from './mfa-prompts';
import { dataDirFor } from './node-platform';

/**
 * `credential-process` for a key in session mode whose cached session is missing or ending: a new
 * STS session, asking for an MFA code where the key names a device. Only this path loads the STS
 * client and the settings; the cached answer never does.
 */
export async function serveNewSession(
  store: SecretStore,
  profile: string,
  io: { env: NodeJS.ProcessEnv; mfaPrompt?: MfaPrompt },
): Promise<Parameters<typeof sessionOutput>[0]> {
  const dataDir = dataDirFor(io.env);
  const settings = new SettingsFile(dataDir);
  const credentials = new CredentialService({
    profiles: new ProfileStore(store, { dataDir }),
    sessions: new SessionCache(store),
    place: placeFrom(settings),
    dataDir,
  });
  const served = await credentials.serve(profile, {
    mode: 'session',
    prompt: mfaPromptFor(io),
  });
  const { sessionToken, expiration } = served;
  // Session mode always answers with a session; the check is for the type.
  if (sessionToken === null || expiration === null) throw new Error('no session was made');
  return { ...served, sessionToken, expiration };
}
