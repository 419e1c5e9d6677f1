import { ListUsersCommand } from '@aws-sdk/client-iam';
import type { IamUserSummary, UserPage } from '../../common/domain';
import type { AwsClients } from './aws-clients';
import { callAws } from './aws-errors';

/**
 * One page of IAM users. The UI asks page after page, so the first names show while an account
 * with thousands of users is still loading. IAM has no name filter, so it is applied per page.
 */
export async function listUsersPage(
  clients: AwsClients,
  options: { cursor: string | null; filter: string; pageSize: number },
): Promise<UserPage> {
  return await callAws({ doing: 'list the people (IAM users) in this AWS account' }, async () => {
    const answer = await clients.iam.send(
      new ListUsersCommand({
        MaxItems: options.pageSize,
        ...(options.cursor ? { Marker: options.cursor } : {}),
      }),
    );
    const needle = options.filter.trim().toLowerCase();
    const users: IamUserSummary[] = (answer.Users ?? [])
      .map((user) => ({
        userName: user.UserName ?? '',
        userId: user.UserId ?? '',
        arn: user.Arn ?? '',
        path: user.Path ?? '/',
        created: user.CreateDate?.toISOString() ?? '',
      }))
      .filter((user) => needle === '' || user.userName.toLowerCase().includes(needle));
    return { users, cursor: answer.IsTruncated && answer.Marker ? answer.Marker : null };
  });
}
