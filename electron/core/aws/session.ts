import { GetUserCommand, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Identity, SignInSource } from '../../common/domain';
import { AppError } from '../errors';
import { log, maskKeyId } from '../log';
import type { ProfileStore } from '../vault/profile-store';
import { createAwsClients } from './aws-clients';
import type { AwsClients, AwsConnection, AwsPlace } from './aws-clients';
import { isAccessDenied, mfaCodeRefusal, translateAwsError } from './aws-errors';
import { profileSettings } from './aws-profiles';

export interface SignedIn {
  identity: Identity;
  clients: AwsClients;
  /**
   * Sends the session's requests to the region and endpoint now in Settings, at once. A region
   * set in the AWS profile itself still wins, as it did at sign-in.
   */
  follow(place: AwsPlace): void;
}

export interface SignInOptions {
  source: SignInSource;
  mfaCode?: string;
  region: string;
  endpoint: string | null;
}

/** What a source signs in with, and the access key behind it (null for roles, SSO…). */
interface Connected {
  connection: AwsConnection;
  keyId: string | null;
  /** The profile's own region, which Keyward's setting does not override. */
  profileRegion: string | null;
}

/** Builds credentials from the chosen source and proves them with STS GetCallerIdentity. */
export async function signIn(options: SignInOptions, profiles: ProfileStore): Promise<SignedIn> {
  const { connection, keyId, profileRegion } = await connectionFor(options, profiles);
  const clients = createAwsClients(connection);
  try {
    const caller = await clients.sts.send(new GetCallerIdentityCommand({}));
    const arn = caller.Arn ?? '';
    const accountId = caller.Account ?? '';
    const userName = /:user\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] ?? null;
    const credentials =
      typeof connection.credentials === 'function'
        ? await connection.credentials()
        : connection.credentials;
    const usedKeyId = keyId ?? credentials.accessKeyId;
    const identity: Identity = {
      accountId,
      accountAlias: await accountAlias(clients),
      arn,
      userName: userName ?? (await userNameFromIam(clients)),
      source: options.source,
      accessKeyId: usedKeyId.startsWith('AKIA') ? usedKeyId : null,
    };
    log('auth', `signed in as ${arn} with ${maskKeyId(usedKeyId)}`);
    return {
      identity,
      clients,
      follow: (place) => {
        clients.retarget({ region: profileRegion ?? place.region, endpoint: place.endpoint });
      },
    };
  } catch (error) {
    clients.destroy();
    throw translateAwsError(error, { doing: 'sign in' });
  }
}

async function connectionFor(options: SignInOptions, profiles: ProfileStore): Promise<Connected> {
  const { source, endpoint } = options;
  if (source.kind === 'stored-key') {
    const key = await profiles.require(source.profile);
    const longTerm = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    const place = { region: options.region, endpoint };
    // A key set up with an MFA device signs in through an MFA session, as its sessions for the
    // AWS CLI do: policies that require MFA then allow Keyward what they allow the person.
    const serial = key.use?.mfaSerial ?? null;
    if (serial !== null) {
      const code = requireMfaCode(serial, options.mfaCode);
      const { credentials } = await sessionWithMfa(
        () => Promise.resolve(longTerm),
        serial,
        code,
        place,
      );
      return { connection: { credentials, ...place }, keyId: key.accessKeyId, profileRegion: null };
    }
    return {
      connection: { credentials: longTerm, ...place },
      keyId: key.accessKeyId,
      profileRegion: null,
    };
  }
  const { mfaSerial: serial, region, assumesRole } = await profileSettings(source.name);
  if (serial) requireMfaCode(serial, options.mfaCode);
  const code = options.mfaCode;
  const place = { region: region ?? options.region, endpoint };
  const fromProfile = fromIni({
    profile: source.name,
    ignoreCache: true,
    // For a role, the SDK's own assume-role path asks AWS with the serial and this code.
    ...(code && assumesRole ? { mfaCodeProvider: () => Promise.resolve(code) } : {}),
  });
  if (serial && code && !assumesRole) {
    // A profile with its own keys and an MFA device: the code proves itself only through
    // GetSessionToken, whose temporary credentials then sign everything, as AWS documents.
    const { credentials, keyId } = await sessionWithMfa(fromProfile, serial, code, place);
    return { connection: { credentials, ...place }, keyId, profileRegion: region };
  }
  return { connection: { credentials: fromProfile, ...place }, keyId: null, profileRegion: region };
}

/** The code typed for the device; without one, the window or command line is told to ask. */
function requireMfaCode(serial: string, code: string | undefined): string {
  if (code) return code;
  throw new AppError(
    'mfa-required',
    'This profile needs a code from your MFA device.',
    'Type the 6-digit code your authenticator app shows now.',
    { details: { mfaSerial: serial } },
  );
}

/**
 * Temporary credentials from STS GetSessionToken with the MFA device's serial and code. A wrong
 * code is AWS's AccessDenied; it is said as such, never as a missing permission.
 */
async function sessionWithMfa(
  longTerm: AwsCredentialIdentityProvider,
  serial: string,
  code: string,
  place: AwsPlace,
): Promise<{ credentials: AwsCredentialIdentity; keyId: string }> {
  let clients: AwsClients | null = null;
  try {
    const key = await longTerm();
    clients = createAwsClients({ credentials: key, ...place });
    const answer = await clients.sts.send(
      new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code }),
    );
    const issued = answer.Credentials;
    if (!issued?.AccessKeyId || !issued.SecretAccessKey || !issued.SessionToken) {
      throw new AppError(
        'aws-failure',
        'AWS accepted the MFA code but sent no sign-in.',
        'Try again. If it keeps happening, show this message to your AWS administrator.',
      );
    }
    return {
      credentials: {
        accessKeyId: issued.AccessKeyId,
        secretAccessKey: issued.SecretAccessKey,
        sessionToken: issued.SessionToken,
        ...(issued.Expiration ? { expiration: issued.Expiration } : {}),
      },
      keyId: key.accessKeyId,
    };
  } catch (error) {
    throw mfaRefusal(error) ?? translateAwsError(error, { doing: 'sign in' });
  } finally {
    clients?.destroy();
  }
}

/** A code AWS did not take, said as such, never as a missing permission. */
function mfaRefusal(error: unknown): AppError | null {
  const refused = mfaCodeRefusal(error);
  if (refused === null) return null;
  const wrongCode = refused === 'wrong-code';
  return new AppError(
    'bad-credentials',
    wrongCode
      ? 'AWS did not accept that MFA code.'
      : 'AWS could not check the code against the MFA device this profile names.',
    wrongCode
      ? 'Type the code your authenticator app shows now (it changes every 30 seconds), then sign in again.'
      : 'Check that mfa_serial in your AWS config file is your own MFA device, then sign in again.',
    { cause: error },
  );
}

/** The alias is a nicety: a caller that may not list aliases still signs in. */
async function accountAlias(clients: AwsClients): Promise<string | null> {
  try {
    const answer = await clients.iam.send(new ListAccountAliasesCommand({}));
    return answer.AccountAliases?.[0] ?? null;
  } catch (error) {
    if (isAccessDenied(error)) return null;
    throw error;
  }
}

async function userNameFromIam(clients: AwsClients): Promise<string | null> {
  try {
    return (await clients.iam.send(new GetUserCommand({}))).User?.UserName ?? null;
  } catch {
    return null;
  }
}
