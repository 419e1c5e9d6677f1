import { ListUserTagsCommand, TagUserCommand, UntagUserCommand } from '@aws-sdk/client-iam';
import { checkDescription } from './description-rules';
import type { AwsClients } from './aws-clients';
import { callAws } from './aws-errors';
import { accessKeyIdPattern } from '../../common/key-shapes';

/** Descriptions of the user's keys, by access key id. */
export async function readDescriptions(
  clients: AwsClients,
  userName: string,
): Promise<Map<string, string>> {
  const descriptions = new Map<string, string>();
  await callAws({ doing: 'read the key descriptions', userName }, async () => {
    let marker: string | undefined;
    do {
      const answer = await clients.iam.send(
        new ListUserTagsCommand({ UserName: userName, Marker: marker }),
      );
      for (const tag of answer.Tags ?? []) {
        if (tag.Key && accessKeyIdPattern.test(tag.Key)) descriptions.set(tag.Key, tag.Value ?? '');
      }
      marker = answer.IsTruncated ? answer.Marker : undefined;
    } while (marker);
  });
  return descriptions;
}

export async function writeDescription(
  clients: AwsClients,
  userName: string,
  accessKeyId: string,
  description: string,
): Promise<void> {
  await callAws({ doing: 'save the key description', userName }, async () => {
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
  });
}
