import { GetUserCommand, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import type { Identity, SignInSource } from '../../common/domain';
import { AppError } from '../errors';
import { log, maskKeyId } from '../log';
import type { ProfileStore } from '../vault/profile-store';
import { createAwsClients } from './aws-clients';
import type { AwsClients, AwsConnection } from './aws-clients';
import { awsErrorCode, translateAwsError } from './aws-errors';
import { profileSettings } from './aws-profiles';

export interface SignedIn {
  identity: Identity;
  clients: AwsClients;
}

export interface SignInOptions {
  source: SignInSource;
  mfaCode?: string;
  region: string;
  endpoint: string | null;
}

/** Builds credentials from the chosen source and proves them with STS GetCallerIdentity. */
export async function signIn(options: SignInOptions, profiles: ProfileStore): Promise<SignedIn> {
  const connection = await connectionFor(options, profiles);
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
    const identity: Identity = {
      accountId,
      accountAlias: await accountAlias(clients),
      arn,
      userName: userName ?? (await userNameFromIam(clients)),
      source: options.source,
      accessKeyId: credentials.accessKeyId.startsWith('AKIA') ? credentials.accessKeyId : null,
    };
    log('auth', `signed in as ${arn} with ${maskKeyId(credentials.accessKeyId)}`);
    return { identity, clients };
  } catch (error) {
    clients.destroy();
    throw translateAwsError(error, { doing: 'sign in' });
  }
}

async function connectionFor(
  options: SignInOptions,
  profiles: ProfileStore,
): Promise<AwsConnection> {
  const { source, endpoint } = options;
  if (source.kind === 'stored-key') {
    const key = await profiles.require(source.profile);
    return {
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      region: options.region,
      endpoint,
    };
  }
  const { mfaSerial: serial, region } = await profileSettings(source.name);
  if (serial && !options.mfaCode) {
    const error = new AppError(
      'mfa-required',
      'This profile needs a code from your MFA device.',
      'Type the 6-digit code your authenticator app shows now.',
    );
    error.details = { mfaSerial: serial };
    throw error;
  }
  const code = options.mfaCode;
  return {
    credentials: fromIni({
      profile: source.name,
      ignoreCache: true,
      ...(code ? { mfaCodeProvider: () => Promise.resolve(code) } : {}),
    }),
    region: region ?? options.region,
    endpoint,
  };
}

/** The alias is a nicety: a caller that may not list aliases still signs in. */
async function accountAlias(clients: AwsClients): Promise<string | null> {
  try {
    const answer = await clients.iam.send(new ListAccountAliasesCommand({}));
    return answer.AccountAliases?.[0] ?? null;
  } catch (error) {
    if (awsErrorCode(error) === 'AccessDenied') return null;
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
