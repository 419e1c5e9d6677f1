import { ListUserTagsCommand, TagUserCommand, UntagUserCommand } from '@aws-sdk/client-iam';
import { AppError } from '../errors';
import type { AwsClients } from './aws-clients';
import { translateAwsError } from './aws-errors';

/** IAM's allowed characters for tag values: letters, spaces, numbers and _ . : / = + - @ */
const tagValuePattern = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Checks a key description against IAM's tag rules, as the console does, and says what is wrong
 * in words. The console's convention: the description is a tag on the user whose key is the id.
 */
export function checkDescription(description: string): string {
  if (Array.from(description).length > 256) {
    throw new AppError(
      'invalid-input',
      'The description is too long: AWS allows at most 256 characters.',
      'Shorten the description and try again.',
    );
  }
  if (!tagValuePattern.test(description)) {
    const bad = Array.from(description).find((ch) => !tagValuePattern.test(ch)) ?? '';
    throw new AppError(
      'invalid-input',
      `The description cannot contain "${bad}".`,
      'Use letters, numbers, spaces and these signs only: _ . : / = + - @',
    );
  }
  return description;
}

/** Descriptions of the user's keys, by access key id. */
export async function readDescriptions(
  clients: AwsClients,
  userName: string,
): Promise<Map<string, string>> {
  const descriptions = new Map<string, string>();
  try {
    let marker: string | undefined;
    do {
      const answer = await clients.iam.send(
        new ListUserTagsCommand({ UserName: userName, Marker: marker }),
      );
      for (const tag of answer.Tags ?? []) {
        if (tag.Key && /^(AKIA|ASIA)[A-Z0-9]{16}$/.test(tag.Key))
          descriptions.set(tag.Key, tag.Value ?? '');
      }
      marker = answer.IsTruncated ? answer.Marker : undefined;
    } while (marker);
  } catch (error) {
    throw translateAwsError(error, { doing: 'read the key descriptions', userName });
  }
  return descriptions;
}

export async function writeDescription(
  clients: AwsClients,
  userName: string,
  accessKeyId: string,
  description: string,
): Promise<void> {
  try {
    if (description === '') {
      await clients.iam.send(new UntagUserCommand({ UserName: userName, TagKeys: [accessKeyId] }));
    } else {
      await clients.iam.send(
        new TagUserCommand({
          UserName: userName,
          Tags: [{ Key: accessKeyId, Value: checkDescription(description) }],
        }),
      );
    }
  } catch (error) {
    throw translateAwsError(error, { doing: 'save the key description', userName });
  }
}
