import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsPlace } from '../aws/aws-clients';
import { mfaCodeRefusal, translateAwsError } from '../aws/aws-errors';
import { AppError } from '../errors';
import type { CachedSession } from './session-entry';

export interface SessionRequest {
  durationSeconds: number;
  mfa: { serialNumber: string; code: string } | null;
}

/** What AWS said about an MFA code it did not take; the caller decides whether to ask again. */
export class MfaCodeRefused extends Error {
  readonly reason: 'wrong-code' | 'wrong-device';
  constructor(reason: 'wrong-code' | 'wrong-device', cause: unknown) {
    super(`MFA code refused: ${reason}`, { cause });
    this.name = 'MfaCodeRefused';
    this.reason = reason;
  }
}

/**
 * One STS GetSessionToken with a long-term key. Only the STS client is loaded: this runs inside
 * `credential-process` when a session must be made, and the AWS CLI waits for it.
 */
export async function getSessionToken(
  key: { accessKeyId: string; secretAccessKey: string },
  request: SessionRequest,
  place: AwsPlace,
): Promise<CachedSession> {
  const sts = new STSClient({
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    region: place.region,
    ...(place.endpoint ? { endpoint: place.endpoint } : {}),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, socketTimeout: 30_000 },
  });
  try {
    const answer = await sts.send(
      new GetSessionTokenCommand({
        DurationSeconds: request.durationSeconds,
        ...(request.mfa
          ? { SerialNumber: request.mfa.serialNumber, TokenCode: request.mfa.code }
          : {}),
      }),
    );
    const issued = answer.Credentials;
    if (
      !issued?.AccessKeyId ||
      !issued.SecretAccessKey ||
      !issued.SessionToken ||
      !issued.Expiration
    ) {
      throw new AppError(
        'aws-failure',
        'AWS answered without a session.',
        'Try again. If it keeps happening, show this message to your AWS administrator.',
      );
    }
    return {
      keyId: key.accessKeyId,
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      sessionToken: issued.SessionToken,
      expiration: issued.Expiration.toISOString(),
      mfa: request.mfa !== null,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const refused = mfaCodeRefusal(error);
    if (refused !== null) throw new MfaCodeRefused(refused, error);
    throw translateAwsError(error, { doing: 'start a session' });
  } finally {
    sts.destroy();
  }
}
