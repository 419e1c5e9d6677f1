import { setTimeout as sleep } from 'node:timers/promises';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createAwsClients } from './aws-clients';
import { awsErrorCode, translateAwsError } from './aws-errors';

export interface VerifiedKey {
  arn: string;
  accountId: string;
  userName: string | null;
}

/**
 * Proves a key works by asking STS who it belongs to. A brand-new key can take a few seconds to
 * be accepted everywhere (IAM is eventually consistent), so a refusal is retried for a while.
 */
export async function verifyAccessKey(
  credentials: { accessKeyId: string; secretAccessKey: string },
  connection: { region: string; endpoint: string | null },
  patienceMs = 8000,
): Promise<VerifiedKey> {
  const clients = createAwsClients({ credentials, ...connection });
  const deadline = Date.now() + patienceMs;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await clients.sts.send(new GetCallerIdentityCommand({}));
        const arn = answer.Arn ?? '';
        return {
          arn,
          accountId: answer.Account ?? '',
          userName: /:user\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] ?? null,
        };
      } catch (error) {
        const code = awsErrorCode(error);
        const notYet = code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch';
        if (!notYet || Date.now() + 1000 > deadline) {
          throw translateAwsError(error, { doing: 'check that the key works' });
        }
        await sleep(Math.min(2000, 250 * 2 ** attempt));
      }
    }
  } finally {
    clients.destroy();
  }
}
