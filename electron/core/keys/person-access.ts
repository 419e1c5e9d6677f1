import type { ActivityAction } from '../../common/activity';
import type { ActivityLog } from '../activity/activity-log';
import type { AwsSession } from '../aws/aws-session';
import { isAccessDenied } from '../aws/aws-errors';
import { log } from '../log';

export interface PersonAccessDeps {
  session: Pick<AwsSession, 'call' | 'actor'>;
  activity: Pick<ActivityLog, 'record'>;
}

/**
 * What a person has in IAM besides access keys (console password, MFA devices, groups) and the
 * user itself: read for offboarding's preview, removed one by one, each removal in History.
 */
export class PersonAccess {
  readonly #deps: PersonAccessDeps;

  constructor(deps: PersonAccessDeps) {
    this.#deps = deps;
  }

  /** Null where the signed-in identity may not look: the preview says so rather than guessing. */
  consolePassword(userName: string): Promise<boolean | null> {
    return unlessDenied(
      this.#deps.session.call('iam:GetLoginProfile', userName, ({ clients }, aws) =>
        aws.hasConsolePassword(clients, userName),
      ),
    );
  }

  mfaDevices(userName: string): Promise<string[] | null> {
    return unlessDenied(this.listMfaDevices(userName));
  }

  groups(userName: string): Promise<string[] | null> {
    return unlessDenied(this.listGroups(userName));
  }

  listMfaDevices(userName: string): Promise<string[]> {
    return this.#deps.session.call('iam:ListMFADevices', userName, ({ clients }, aws) =>
      aws.listMfaDevices(clients, userName),
    );
  }

  listGroups(userName: string): Promise<string[]> {
    return this.#deps.session.call('iam:ListGroupsForUser', userName, ({ clients }, aws) =>
      aws.listGroupsOf(clients, userName),
    );
  }

  async removeConsolePassword(userName: string): Promise<void> {
    await this.#deps.session.call('iam:DeleteLoginProfile', userName, ({ clients }, aws) =>
      aws.removeConsolePassword(clients, userName),
    );
    await this.#record('user.console-password-removed', userName);
  }

  async removeMfaDevice(userName: string, serialNumber: string): Promise<void> {
    await this.#deps.session.call('iam:DeactivateMFADevice', userName, ({ clients }, aws) =>
      aws.removeMfaDevice(clients, userName, serialNumber),
    );
    await this.#record('user.mfa-device-removed', userName, serialNumber);
  }

  async removeFromGroup(userName: string, groupName: string): Promise<void> {
    await this.#deps.session.call('iam:RemoveUserFromGroup', userName, ({ clients }, aws) =>
      aws.removeFromGroup(clients, userName, groupName),
    );
    await this.#record('user.removed-from-group', userName, groupName);
  }

  async deleteUser(userName: string): Promise<void> {
    await this.#deps.session.call('iam:DeleteUser', userName, ({ clients }, aws) =>
      aws.deleteUser(clients, userName),
    );
    await this.#record('user.deleted', userName);
  }

  async #record(action: ActivityAction, userName: string, detail?: string): Promise<void> {
    log('keys', `${action} ok`);
    await this.#deps.activity.record({
      actor: this.#deps.session.actor(),
      action,
      userName,
      // Not about one key: History shows the person and what went.
      accessKeyId: '',
      ...(detail !== undefined ? { detail } : {}),
    });
  }
}

async function unlessDenied<T>(reading: Promise<T>): Promise<T | null> {
  try {
    return await reading;
  } catch (error) {
    if (isAccessDenied(error)) return null;
    throw error;
  }
}
