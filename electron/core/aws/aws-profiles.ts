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

/**
 * What signing in with this profile needs to know ahead: the MFA device it will ask a code for,
 * and its region. One read of the shared files.
 */
export async function profileSettings(
  profile: string,
): Promise<{ mfaSerial: string | null; region: string | null }> {
  const values = (await parseKnownFiles({ ignoreCache: true }))[profile];
  const text = (key: string) => {
    const value = values?.[key];
    return typeof value === 'string' ? value : null;
  };
  return { mfaSerial: text('mfa_serial'), region: text('region') };
}

function kindOf(values: Record<string, string | undefined>): AwsProfile['kind'] {
  if (values['sso_session'] || values['sso_start_url']) return 'sso';
  if (values['role_arn']) return 'assume-role';
  if (values['credential_process']) return 'process';
  if (values['aws_access_key_id']) return 'keys';
  return 'other';
}
