import { parseKnownFiles } from '@smithy/core/config';
import type { SignInChoices } from '../../common/domain';

type AwsProfile = SignInChoices['awsProfiles'][number];

// The SDK's parser returns [sso-session x] and [services x] sections beside the profiles.
const otherSections = /^(sso-session|services)\./;

/**
 * The profiles in the shared AWS config and credentials files (AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE are honoured), with what kind of sign-in each one is.
 */
export async function listAwsProfiles(): Promise<AwsProfile[]> {
  const profiles = await parseKnownFiles({ ignoreCache: true });
  return Object.entries(profiles)
    .filter(([name]) => !otherSections.test(name))
    .map(([name, values]) => ({
      name,
      kind: kindOf(values),
      mfa: typeof values['mfa_serial'] === 'string',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether signing in with this profile will ask for an MFA code, and for which device. */
export async function mfaSerialOf(profile: string): Promise<string | null> {
  const values = (await parseKnownFiles({ ignoreCache: true }))[profile];
  const serial = values?.['mfa_serial'];
  return typeof serial === 'string' ? serial : null;
}

export async function regionOf(profile: string): Promise<string | null> {
  const region = (await parseKnownFiles({ ignoreCache: true }))[profile]?.['region'];
  return typeof region === 'string' ? region : null;
}

function kindOf(values: Record<string, string | undefined>): AwsProfile['kind'] {
  if (values['sso_session'] || values['sso_start_url']) return 'sso';
  if (values['role_arn']) return 'assume-role';
  if (values['credential_process']) return 'process';
  if (values['aws_access_key_id']) return 'keys';
  return 'other';
}
