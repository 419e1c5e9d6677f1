import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import type { AccessKeyLastUsed } from '@aws-sdk/client-iam';
import type { StoredKeyCheck } from '../../common/domain';
import { createAwsClients } from './aws-clients';
import { isAccessDenied, isKeyRefused, translateAwsError } from './aws-errors';

/**
 * How a key kept on this device is doing, asked with that key itself: does AWS accept it, is it
 * active, when was it last used. Last use is asked first, because the check is itself a use of the
 * key. Self-service permissions are enough; what is refused stays unknown.
 */
export async function checkStoredKey(
  name: string,
  key: { accessKeyId: string; secretAccessKey: string },
  connection: { region: string; endpoint: string | null },
): Promise<StoredKeyCheck> {
  const checkedAt = new Date().toISOString();
  const clients = createAwsClients({ credentials: key, ...connection });
  try {
    let used: AccessKeyLastUsed | null;
    try {
      used = await clients.iam
        .send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }))
        .then((answer) => answer.AccessKeyLastUsed ?? null)
        .catch(refusedAsNull);
    } catch (error) {
      const explained = translateAwsError(error, { doing: 'check this key' });
      // Only AWS's own refusal of the key makes it "not working". Anything else (AWS could not
      // be reached, throttling, a wrong clock) leaves the key unchecked: the person is told why,
      // and never advised to delete a key that may work.
      if (!isKeyRefused(error)) throw explained;
      const problem = explained.message;
      return {
        name,
        working: false,
        status: null,
        lastUsed: null,
        lastUsedKnown: false,
        problem,
        checkedAt,
      };
    }
    const status = await clients.iam
      .send(new ListAccessKeysCommand({}))
      .then(
        (answer) =>
          answer.AccessKeyMetadata?.find((k) => k.AccessKeyId === key.accessKeyId)?.Status ?? null,
      )
      .catch(refusedAsNull)
      .catch((error: unknown) => {
        throw translateAwsError(error, { doing: 'check this key' });
      });
    return {
      name,
      working: true,
      status,
      lastUsed: used?.LastUsedDate
        ? {
            date: used.LastUsedDate.toISOString(),
            service: used.ServiceName ?? 'N/A',
            region: used.Region ?? 'N/A',
          }
        : null,
      lastUsedKnown: used !== null,
      problem: null,
      checkedAt,
    };
  } finally {
    clients.destroy();
  }
}

/** A refusal means AWS accepted the key but will not say this: it stays unknown. */
function refusedAsNull(error: unknown): null {
  if (isAccessDenied(error)) return null;
  throw error;
}
