import {
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import type { AccessKeySummary } from '../../common/domain';
import { AppError } from '../errors';
import type { AwsClients } from './aws-clients';
import { attemptsOf, awsErrorCode, callAws, isAccessDenied, translateAwsError } from './aws-errors';
import { readDescriptions } from './key-descriptions';
import { ageInDays } from './key-age';

/** A user's keys with status, age, description and last use. Never a secret: IAM has none to give. */
export async function listAccessKeys(
  clients: AwsClients,
  userName: string,
  signedInKeyId: string | null,
): Promise<AccessKeySummary[]> {
  const metadata = await callAws(
    { doing: 'list the access keys', userName },
    async () =>
      (await clients.iam.send(new ListAccessKeysCommand({ UserName: userName })))
        .AccessKeyMetadata ?? [],
  );
  const descriptions = await readDescriptions(clients, userName).catch((error: unknown) => {
    // People who may list keys but not tags still see their keys, without descriptions.
    if (isAccessDenied(error)) return new Map<string, string>();
    throw error;
  });
  return Promise.all(
    metadata.map(async (key) => {
      const accessKeyId = key.AccessKeyId ?? '';
      const created = key.CreateDate?.toISOString() ?? '';
      return {
        accessKeyId,
        userName,
        status: key.Status ?? 'Unknown',
        created,
        ageDays: ageInDays(created),
        description: descriptions.get(accessKeyId) ?? null,
        lastUsed: await lastUsed(clients, accessKeyId, userName),
        signedInKey: accessKeyId === signedInKeyId,
      };
    }),
  );
}

async function lastUsed(
  clients: AwsClients,
  accessKeyId: string,
  userName: string,
): Promise<AccessKeySummary['lastUsed']> {
  try {
    const answer = await clients.iam.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }),
    );
    const used = answer.AccessKeyLastUsed;
    if (!used?.LastUsedDate) return null;
    return {
      date: used.LastUsedDate.toISOString(),
      service: used.ServiceName ?? 'N/A',
      region: used.Region ?? 'N/A',
    };
  } catch (error) {
    if (isAccessDenied(error)) return null;
    throw translateAwsError(error, { doing: 'find when the key was last used', userName });
  }
}

/**
 * The key a session signs its requests with is protected wherever it can be changed: switching it
 * off or deleting it locks that session out of AWS at once, and turning it back on needs a working
 * sign-in, which it no longer has. So it happens only when the person confirmed exactly that
 * (`confirmed`); every door (the window, the command line, a rotation) comes through here.
 */
export function checkSessionKeyChange(change: {
  accessKeyId: string;
  /** The key the session signs with; null for a session without one of its own (a role). */
  sessionKeyId: string | null;
  action: 'deactivate' | 'delete';
  confirmed: boolean;
}): void {
  if (change.confirmed || change.accessKeyId !== change.sessionKeyId) return;
  const doing = change.action === 'deactivate' ? 'Deactivating' : 'Deleting';
  throw new AppError(
    'confirmation-required',
    `Keyward is signed in with this key (${change.accessKeyId}). ${doing} it locks Keyward out of AWS at once, and Keyward cannot turn it back on: that needs a working sign-in.`,
    change.action === 'deactivate'
      ? 'Sign in with another key or AWS profile first, then deactivate this one. If you are sure, confirm that Keyward will be locked out and signed out.'
      : 'Sign in with another key or AWS profile first, then delete this one. If you are sure, confirm that Keyward will be locked out and signed out.',
  );
}

/** Who is asking to change a key: the rule above needs the session's own key and the answer. */
export interface SessionGuard {
  sessionKeyId: string | null;
  /** The person confirmed that Keyward may lock itself out. */
  lockOutConfirmed: boolean;
}

export async function setKeyStatus(
  clients: AwsClients,
  userName: string,
  accessKeyId: string,
  status: 'Active' | 'Inactive',
  guard: SessionGuard,
): Promise<void> {
  if (status === 'Inactive') {
    checkSessionKeyChange({
      accessKeyId,
      sessionKeyId: guard.sessionKeyId,
      action: 'deactivate',
      confirmed: guard.lockOutConfirmed,
    });
  }
  await callAws(
    {
      doing: status === 'Active' ? 'activate the access key' : 'deactivate the access key',
      userName,
    },
    async () => {
      await clients.iam.send(
        new UpdateAccessKeyCommand({
          UserName: userName,
          AccessKeyId: accessKeyId,
          Status: status,
        }),
      );
    },
  );
}

/** Deletes the key and then its description tag, so no orphaned description is left behind. */
export async function deleteAccessKey(
  clients: AwsClients,
  userName: string,
  accessKeyId: string,
  guard: SessionGuard,
): Promise<void> {
  checkSessionKeyChange({
    accessKeyId,
    sessionKeyId: guard.sessionKeyId,
    action: 'delete',
    confirmed: guard.lockOutConfirmed,
  });
  await callAws({ doing: 'delete the access key', userName }, async () => {
    try {
      await clients.iam.send(
        new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }),
      );
    } catch (error) {
      // An earlier attempt deleted it and its answer was lost on the way back: the SDK's retry
      // then finds no such key. That is the deletion asked for, not a failure.
      if (awsErrorCode(error) !== 'NoSuchEntity' || attemptsOf(error) < 2) throw error;
    }
  });
  try {
    await clients.iam.send(new UntagUserCommand({ UserName: userName, TagKeys: [accessKeyId] }));
  } catch {
    // The key is gone, which is what was asked; a leftover description tag is harmless.
  }
}
