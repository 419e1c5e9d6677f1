import type { ServedCredentials } from '../../core/sessions/credential-service';

/**
 * Set for every command `keyward exec` runs, to the profile it runs with: a `keyward exec`
 * started inside refuses (aws-vault's AWS_VAULT does the same job), and scripts and shell prompts
 * can show which key they are on.
 */
export const execMarker = 'KEYWARD_EXEC_PROFILE';

/**
 * Taken out of the inherited environment before the credentials go in.
 *
 * The reasoning follows aws-vault's `exec` (updateEnvForAwsVault), which has been doing this job
 * for years:
 * - AWS_PROFILE and AWS_DEFAULT_PROFILE (the AWS CLI v1 and boto name): the JavaScript SDK v3
 *   skips credentials in the environment when AWS_PROFILE is set and uses the profile instead,
 *   and tools that resolve a profile themselves (Terraform's backend, the CDK, scripts reading
 *   $AWS_PROFILE) would too: the command would run as someone else.
 * - AWS_SESSION_TOKEN, AWS_SECURITY_TOKEN (boto's old name) and AWS_CREDENTIAL_EXPIRATION: a
 *   long-term key carries none, and a left-over token or end would be paired with it.
 * - AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are replaced in any case.
 * - KEYWARD_LAUNCHER says how *this* Keyward was started; a Keyward the command starts finds its
 *   own (it would otherwise write this one's path into the AWS config).
 *
 * Kept, as aws-vault keeps them: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. Credentials in
 * the environment come before any profile in every SDK's default chain, so the files cannot
 * override them; but the rest of the config (retries, S3 settings, endpoints, the region a tool
 * reads from [default]) is still wanted. Also kept: AWS_ENDPOINT_URL and other settings that are
 * not about who the command is.
 */
const removed = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'KEYWARD_LAUNCHER',
];

export interface ExecIdentity {
  profile: string;
  credentials: ServedCredentials;
  /** The AWS profile's region, or null to leave whatever region the environment has. */
  region: string | null;
}

/** The environment for the command: the parent's, less the above, plus the credentials. */
export function childEnvironment(
  parent: NodeJS.ProcessEnv,
  identity: ExecIdentity,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !removed.includes(name)) env[name] = value;
  }
  const { credentials, region } = identity;
  env['AWS_ACCESS_KEY_ID'] = credentials.accessKeyId;
  env['AWS_SECRET_ACCESS_KEY'] = credentials.secretAccessKey;
  if (credentials.sessionToken !== null) env['AWS_SESSION_TOKEN'] = credentials.sessionToken;
  // The SDKs (JS v3, Python, Go v2) read this to refresh before the session ends.
  if (credentials.expiration !== null) env['AWS_CREDENTIAL_EXPIRATION'] = credentials.expiration;
  if (region !== null) {
    // The person chose this profile, so its region wins over one set earlier in the shell. Both
    // names: most SDKs read AWS_REGION, the AWS CLI and boto3 AWS_DEFAULT_REGION.
    env['AWS_REGION'] = region;
    env['AWS_DEFAULT_REGION'] = region;
  }
  env[execMarker] = identity.profile;
  return env;
}
