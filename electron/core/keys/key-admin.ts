import type { AccessKeySummary, UserPage } from '../../common/domain';
import { inUseReason } from '../../common/key-rules';
import type { ActivityLog } from '../activity/activity-log';
import type { AwsSession } from '../aws/aws-session';
import { checkDescription } from '../aws/description-rules';
import { AppError } from '../errors';
import { log, maskKeyId } from '../log';
import type { OffboardMode, OffboardPreview, OffboardResult } from '../../common/offboard';
import { offboardUser, previewOffboarding, type OffboardOptions } from './offboard';
import { PersonAccess } from './person-access';

/**
 * What key administration needs of a sign-in: the door calls go through, who is signed in, and
 * who History names. The current account's AwsSession, or another signed-in account's (an audit
 * of several accounts acts on each key in its own account).
 */
export type KeyAdminSession = Pick<AwsSession, 'call' | 'whoami' | 'actor'>;

export interface KeyAdminDeps {
  session: KeyAdminSession;
  activity: Pick<ActivityLog, 'record'>;
  /** Told after a key is deleted in AWS: an unsaved-key reminder about it is then moot. */
  onKeyDeleted: (accessKeyId: string) => Promise<void>;
  /** Told after a key is deactivated or deleted in AWS: sessions made from it no longer work. */
  onKeyStopped?: (accessKeyId: string) => Promise<void>;
}

/**
 * IAM users and their access keys, as the signed-in identity: list, turn on and off, delete and
 * describe. The rules that protect against locking oneself out or breaking something in use
 * live here (and in core/aws/access-keys.ts), once, for every door.
 */
export class KeyAdmin {
  readonly #deps: KeyAdminDeps;
  /** The person's console password, MFA devices, groups and user: what offboarding also removes. */
  readonly person: PersonAccess;

  constructor(deps: KeyAdminDeps) {
    this.#deps = deps;
    this.person = new PersonAccess(deps);
  }

  signedInUserName(): string | null {
    return this.#deps.session.whoami()?.userName ?? null;
  }

  listUsers(options: {
    cursor: string | null;
    filter: string;
    pageSize: number;
  }): Promise<UserPage> {
    return this.#deps.session.call('iam:ListUsers', '*', ({ clients }, aws) =>
      aws.listUsersPage(clients, options),
    );
  }

  listKeys(userName: string): Promise<AccessKeySummary[]> {
    return this.#deps.session.call('iam:ListAccessKeys', userName, ({ clients, identity }, aws) =>
      aws.listAccessKeys(clients, userName, identity.accessKeyId),
    );
  }

  /**
   * Deactivating the key Keyward signs in with locks Keyward out of AWS: it needs `confirmInUse`
   * (electron/core/aws/access-keys.ts says why).
   */
  async setKeyStatus(
    userName: string,
    accessKeyId: string,
    status: 'Active' | 'Inactive',
    confirmInUse = false,
  ): Promise<void> {
    const { session, activity } = this.#deps;
    await session.call('iam:UpdateAccessKey', userName, ({ clients, identity }, aws) =>
      aws.setKeyStatus(clients, userName, accessKeyId, status, {
        sessionKeyId: identity.accessKeyId,
        lockOutConfirmed: confirmInUse,
      }),
    );
    log('keys', `${status === 'Active' ? 'activate' : 'deactivate'} ${maskKeyId(accessKeyId)} ok`);
    await activity.record({
      actor: session.actor(),
      action: status === 'Active' ? 'key.activated' : 'key.deactivated',
      userName,
      accessKeyId,
    });
    if (status === 'Inactive') await this.#deps.onKeyStopped?.(accessKeyId);
  }

  /**
   * Deleting the key Keyward signs in with, or an active key used in the last week, breaks
   * something that is probably still running: it needs `confirmInUse`.
   */
  async deleteKey(userName: string, accessKeyId: string, confirmInUse: boolean): Promise<void> {
    const { session, activity } = this.#deps;
    if (!confirmInUse) {
      const key = (await this.listKeys(userName)).find((k) => k.accessKeyId === accessKeyId);
      if (!key) {
        throw new AppError(
          'not-found',
          `${userName} has no key ${accessKeyId}.`,
          'Refresh the list of keys and try again.',
        );
      }
      // The session's own key has a stricter rule, with its own words: see deleteAccessKey.
      const reason = key.signedInKey ? null : inUseReason(key);
      if (reason) {
        throw new AppError(
          'confirmation-required',
          `${reason} Deleting it will stop whatever uses it, and cannot be undone.`,
          'If you are sure, confirm the deletion. Otherwise deactivate it first and wait to see whether anything breaks.',
        );
      }
    }
    const actor = session.actor();
    await session.call('iam:DeleteAccessKey', userName, ({ clients, identity }, aws) =>
      aws.deleteAccessKey(clients, userName, accessKeyId, {
        sessionKeyId: identity.accessKeyId,
        lockOutConfirmed: confirmInUse,
      }),
    );
    log('keys', `delete ${maskKeyId(accessKeyId)} ok`);
    await activity.record({ actor, action: 'key.deleted', userName, accessKeyId });
    await this.#deps.onKeyDeleted(accessKeyId);
    await this.#deps.onKeyStopped?.(accessKeyId);
  }

  /** Everything offboarding could act on, for its preview (see previewOffboarding). */
  offboardPreview(userName: string): Promise<OffboardPreview> {
    return previewOffboarding(this, this.person, userName);
  }

  /** Deactivates or deletes every key of a person who leaves, and more when asked (offboardUser). */
  offboard(
    userName: string,
    mode: OffboardMode,
    options: OffboardOptions = {},
  ): Promise<OffboardResult> {
    return offboardUser(this, this.person, userName, mode, options);
  }

  /**
   * AWS keeps a description as a tag on the user, and would accept one for a key id the user
   * does not have: the key is looked up first, whichever door asks.
   */
  async describeKey(userName: string, accessKeyId: string, description: string): Promise<void> {
    const { session, activity } = this.#deps;
    checkDescription(description);
    if (!(await this.listKeys(userName)).some((key) => key.accessKeyId === accessKeyId)) {
      throw new AppError(
        'not-found',
        `${userName} has no key ${accessKeyId}.`,
        'Refresh the list of keys and try again.',
      );
    }
    await session.call('iam:TagUser', userName, ({ clients }, aws) =>
      aws.writeDescription(clients, userName, accessKeyId, description),
    );
    await activity.record({
      actor: session.actor(),
      action: 'key.described',
      userName,
      accessKeyId,
    });
  }
}
