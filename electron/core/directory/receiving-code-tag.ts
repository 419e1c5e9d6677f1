import { ListUserTagsCommand, TagUserCommand, UntagUserCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/aws-clients';
import { callAws } from '../aws/aws-errors';

// Loaded lazily by the directory, like the rest of the SDK, so the first screen does not pay for it.

/** The IAM user tag a published receiving code is kept under. */
export const receivingCodeTagKey = 'keyward:receiving-code';

/** Puts the receiving code on the user as its `keyward:receiving-code` tag (replacing an older one). */
export async function writeReceivingCodeTag(
  clients: AwsClients,
  userName: string,
  code: string,
): Promise<void> {
  await callAws({ doing: 'share your receiving code in AWS', userName }, async () => {
    await clients.iam.send(
      new TagUserCommand({ UserName: userName, Tags: [{ Key: receivingCodeTagKey, Value: code }] }),
    );
  });
}

export async function removeReceivingCodeTag(clients: AwsClients, userName: string): Promise<void> {
  await callAws({ doing: 'stop sharing your receiving code in AWS', userName }, async () => {
    await clients.iam.send(
      new UntagUserCommand({ UserName: userName, TagKeys: [receivingCodeTagKey] }),
    );
  });
}

/** The tag's value as IAM holds it, unchecked; null when the user has none. */
export async function readReceivingCodeTag(
  clients: AwsClients,
  userName: string,
): Promise<string | null> {
  return callAws({ doing: 'look up the receiving code shared in AWS', userName }, async () => {
    let marker: string | undefined;
    do {
      const answer = await clients.iam.send(
        new ListUserTagsCommand({ UserName: userName, Marker: marker }),
      );
      // IAM compares tag keys without regard to case, so a hand-made tag in other case counts.
      const tag = (answer.Tags ?? []).find(
        (each) => each.Key?.toLowerCase() === receivingCodeTagKey,
      );
      if (tag) return tag.Value ?? '';
      marker = answer.IsTruncated ? answer.Marker : undefined;
    } while (marker);
    return null;
  });
}
