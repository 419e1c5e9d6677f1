import { ListMFADevicesCommand } from '@aws-sdk/client-iam';
import type { AwsPlace } from '../aws/aws-clients';
import { createIamClient } from '../aws/aws-clients';
import { isAccessDenied, translateAwsError } from '../aws/aws-errors';
import type { MfaDeviceLookup } from '../../common/domain';

// Defined in common: the window's set-up dialog shows what was found.
export type { MfaDeviceLookup };

/**
 * The MFA device of the key's own user, asked with the key itself (iam:ListMFADevices on
 * oneself): a key that may not ask is told apart from one whose user has no device.
 */
export async function findMfaDevice(
  key: { accessKeyId: string; secretAccessKey: string },
  place: AwsPlace,
): Promise<MfaDeviceLookup> {
  const iam = createIamClient(
    {
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      ...place,
    },
    2,
  );
  try {
    const answer = await iam.send(new ListMFADevicesCommand({}));
    const serialNumbers = (answer.MFADevices ?? []).map((device) => device.SerialNumber ?? '');
    const [only, ...others] = serialNumbers.filter((serial) => serial !== '');
    if (only === undefined) return { found: 'none' };
    return others.length === 0
      ? { found: 'one', serialNumber: only }
      : { found: 'several', serialNumbers: [only, ...others] };
  } catch (error) {
    if (isAccessDenied(error)) return { found: 'not-allowed' };
    throw translateAwsError(error, { doing: 'look up your MFA device' });
  } finally {
    iam.destroy();
  }
}
