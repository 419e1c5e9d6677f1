import { setTimeout as sleep } from 'node:timers/promises';
import { CreateAccessKeyCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import type { CreateAccessKeyCommandOutput } from '@aws-sdk/client-iam';
import type { AccessKeySummary } from '../../common/domain';
import type { ActivityLog } from '../activity/activity-log';
import { listAccessKeys } from './access-keys';
import type { AwsClients } from './aws-clients';
import {
  callAws,
  isAccessDenied,
  isNetworkFailure,
  isThrottling,
  translateAwsError,
} from './aws-errors';
import { writeDescription } from './key-descriptions';
import { AppError } from '../errors';
import { log, maskKeyId } from '../log';
import type { Journal } from '../secrets/journal';
import type { PendingSecret, PendingSecrets } from '../secrets/pending-secrets';

export interface CreateKeyDeps {
  clients: AwsClients;
  journal: Journal;
  pending: PendingSecrets;
  activity: ActivityLog;
  actor: string;
  accountId: string;
  signedInKeyId: string | null;
  /** Waits between Throttling answers; tests shorten it. */
  backoffMs?: (attempt: number) => number;
  /**
   * Checks the two-key limit with one request (the key ids only) rather than with each key's
   * description and last use: for many keys at once (a batch), where requests are what is scarce.
   * The full list is still fetched for the refusal, which shows both existing keys.
   */
  quickLimitCheck?: boolean;
}

const maxThrottledAttempts = 5;

/**
 * Creates one access key, safely. CreateAccessKey is not idempotent, so:
 * - the journal records the attempt (no secret) before the call;
 * - only a Throttling *answer* is retried (AWS said no, nothing was made); a timeout or a dropped
 *   connection is never retried: the user's keys are listed to find out what happened, and a key
 *   that appeared is reported as created with its secret lost;
 * - the two-key limit is checked first, so the error can show both existing keys.
 */
export async function createAccessKey(
  deps: CreateKeyDeps,
  userName: string,
  description: string | null,
): Promise<PendingSecret> {
  const before = await (deps.quickLimitCheck ? listKeyIds : listAccessKeys)(
    deps.clients,
    userName,
    deps.signedInKeyId,
  ).catch((error: unknown) => {
    if (isAccessDenied(error)) return null;
    throw error;
  });
  if (before && before.length >= 2) {
    const keys = deps.quickLimitCheck
      ? await listAccessKeys(deps.clients, userName, deps.signedInKeyId).catch(() => [])
      : (before as AccessKeySummary[]);
    throw keyLimitError(userName, keys);
  }

  const journalId = await deps.journal.begin(userName);
  let answer: CreateAccessKeyCommandOutput;
  try {
    answer = await sendCreate(deps, userName);
  } catch (error) {
    throw await explainFailedCreate(deps, error, { userName, journalId, before });
  }

  const key = answer.AccessKey;
  if (!key?.AccessKeyId || !key.SecretAccessKey) {
    await deps.journal.close(journalId, 'failed');
    throw new AppError(
      'aws-failure',
      'AWS did not send back the new key.',
      'Refresh the list of keys to check, then try again.',
    );
  }
  await deps.journal.recordKey(journalId, key.AccessKeyId);
  const pending = deps.pending.add({
    journalId,
    accessKeyId: key.AccessKeyId,
    secretAccessKey: key.SecretAccessKey,
    userName,
    accountId: deps.accountId,
    created: (key.CreateDate ?? new Date()).toISOString(),
    description: null,
    ownerArn: deps.actor,
  });
  log('keys', `create ${maskKeyId(key.AccessKeyId)} for ${userName} ok`);
  await deps.activity.record({
    actor: deps.actor,
    action: 'key.created',
    userName,
    accessKeyId: key.AccessKeyId,
  });

  if (description) {
    try {
      await writeDescription(deps.clients, userName, key.AccessKeyId, description);
      pending.description = description;
    } catch {
      // The key exists and its secret is in hand: losing the description must not lose the key.
      log('keys', `describe ${maskKeyId(key.AccessKeyId)} failed after create`);
    }
  }
  return pending;
}

/** The user's access key ids: one ListAccessKeys request. */
async function listKeyIds(
  clients: AwsClients,
  userName: string,
): Promise<{ accessKeyId: string }[]> {
  const answer = await callAws({ doing: 'list the access keys', userName }, () =>
    clients.iam.send(new ListAccessKeysCommand({ UserName: userName })),
  );
  return (answer.AccessKeyMetadata ?? []).map((key) => ({ accessKeyId: key.AccessKeyId ?? '' }));
}

async function sendCreate(
  deps: CreateKeyDeps,
  userName: string,
): Promise<CreateAccessKeyCommandOutput> {
  const backoff =
    deps.backoffMs ??
    ((attempt: number) => Math.min(8000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2));
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.clients.iamOnce.send(new CreateAccessKeyCommand({ UserName: userName }));
    } catch (error) {
      if (!isThrottling(error) || attempt >= maxThrottledAttempts) throw error;
      await sleep(backoff(attempt));
    }
  }
}

async function explainFailedCreate(
  deps: CreateKeyDeps,
  error: unknown,
  context: { userName: string; journalId: string; before: { accessKeyId: string }[] | null },
): Promise<AppError> {
  const { userName, journalId, before } = context;
  if (isNetworkFailure(error)) {
    // AWS may have made the key before the connection broke: look instead of guessing.
    const after = await listAccessKeys(deps.clients, userName, deps.signedInKeyId).catch(
      () => null,
    );
    if (after && before) {
      const known = new Set(before.map((key) => key.accessKeyId));
      const created = after.find((key) => !known.has(key.accessKeyId));
      if (created) {
        await deps.journal.recordKey(journalId, created.accessKeyId);
        await deps.activity.record({
          actor: deps.actor,
          action: 'key.lost',
          userName,
          accessKeyId: created.accessKeyId,
        });
        log('keys', `create for ${userName}: answer lost, found ${maskKeyId(created.accessKeyId)}`);
        return new AppError(
          'outcome-unknown',
          `AWS created a new key for ${userName} (${created.accessKeyId}), but the connection broke before its secret arrived. The secret can never be shown.`,
          'Delete this key (it cannot be used without its secret), then create a new one.',
          { cause: error, details: { lostKey: { accessKeyId: created.accessKeyId, userName } } },
        );
      }
      await deps.journal.close(journalId, 'failed');
      const none = translateAwsError(error, { doing: 'create an access key', userName });
      return new AppError(none.code, `${none.message} No key was created.`, none.hint, {
        cause: error,
        ...(none.details ? { details: none.details } : {}),
      });
    }
    // Could not look: the journal entry stays open and is reported, so nothing is silently lost.
    return new AppError(
      'outcome-unknown',
      `Keyward lost contact with AWS while creating a key for ${userName}, and cannot tell whether the key was made.`,
      'When the connection is back, open this person’s keys: delete any key you did not expect.',
      { cause: error },
    );
  }
  await deps.journal.close(journalId, 'failed');
  const translated = translateAwsError(error, { doing: 'create an access key', userName });
  if (translated.code === 'key-limit') {
    const keys = await listAccessKeys(deps.clients, userName, deps.signedInKeyId).catch(() => []);
    return keyLimitError(userName, keys);
  }
  return translated;
}

function keyLimitError(userName: string, keys: AccessKeySummary[]): AppError {
  return new AppError(
    'key-limit',
    `${userName} already has two access keys, the most AWS allows.`,
    'Deactivate or delete the key that is no longer used, then create the new one.',
    { details: { existingKeys: keys } },
  );
}
