import { parseKnownFiles } from '@smithy/core/config';
import type { SignInChoices } from '../../common/domain';
import { isKeywardCommand } from '../aws-config/credential-process-command';

type AwsProfile = SignInChoices['awsProfiles'][number];

// The SDK's parser returns [sso-session x] and [services x] sections beside the profiles.
const otherSections = /^(sso-session|services)\./;

/**
 * The profiles in the shared AWS config and credentials files (AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE are honoured), with what kind of sign-in each one is. A profile
 * whose credential_process is Keyward's own, for a key in `keptInKeyward`, is that same key
 * again: it is left out, so the key is offered once, as the kept key.
 */
export async function listAwsProfiles(
  keptInKeyward: readonly string[] = [],
): Promise<AwsProfile[]> {
  const profiles = await parseKnownFiles({ ignoreCache: true });
  const passesOnKeptKey = (values: Record<string, string | undefined>) => {
    const command = values['credential_process'];
    return command !== undefined && keptInKeyward.some((kept) => isKeywardCommand(command, kept));
  };
  return Object.entries(profiles)
    .filter(([name, values]) => !otherSections.test(name) && !passesOnKeptKey(values))
    .map(([name, values]) => ({
      name,
      kind: kindOf(values),
      mfa: typeof values['mfa_serial'] === 'string',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What signing in with this profile needs to know ahead: the MFA device it will ask a code for,
 * its region, and whether it assumes a role (then the SDK itself uses the MFA code). One read of
 * the shared files.
 */
export async function profileSettings(
  profile: string,
): Promise<{ mfaSerial: string | null; region: string | null; assumesRole: boolean }> {
  const values = (await parseKnownFiles({ ignoreCache: true }))[profile];
  const text = (key: string) => {
    const value = values?.[key];
    return typeof value === 'string' ? value : null;
  };
  return {
    mfaSerial: text('mfa_serial'),
    region: text('region'),
    assumesRole: text('role_arn') !== null,
  };
}

function kindOf(values: Record<string, string | undefined>): AwsProfile['kind'] {
  if (values['sso_session'] || values['sso_start_url']) return 'sso';
  if (values['role_arn']) return 'assume-role';
  if (values['credential_process']) return 'process';
  if (values['aws_access_key_id']) return 'keys';
  return 'other';
}
