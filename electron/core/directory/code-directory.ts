import type { MyReceivingCode, PublishedCode } from '../../common/code-directory';
import type { ActivityLog } from '../activity/activity-log';
import type { AwsSession } from '../aws/aws-session';
import { AppError } from '../errors';
import { parseReceivingCodes } from '../handoff/receiving-codes';
import { codeFingerprint } from './fingerprint';
import { UsedCodes } from './used-codes';

/** The AWS SDK calls, loaded on first use like the rest of the SDK. */
const loadTagCalls = () => import('./receiving-code-tag');

export interface CodeDirectoryDeps {
  /** The window's sign-in: publishing acts on its own IAM user, look-ups as its identity. */
  session: AwsSession;
  /** This computer's receiving code (created in the keychain on first use). */
  receivingCode: () => Promise<string>;
  activity: ActivityLog;
  dataDir: string;
}

/**
 * The receiving-code directory: with the person's consent their receiving code is put on their
 * own IAM user as the tag `keyward:receiving-code`, where an admin's Keyward finds it. The code is
 * public (it only lets someone seal a file to this computer); what protects the admin from a code
 * someone else put there is the four check words the person reads out from their own Keyward, and
 * the warning when the code changed since the admin last sealed a key to it.
 */
export class CodeDirectory {
  readonly #deps: CodeDirectoryDeps;
  readonly #used: UsedCodes;

  constructor(deps: CodeDirectoryDeps) {
    this.#deps = deps;
    this.#used = new UsedCodes(deps.dataDir);
  }

  /** The check words of a receiving code; the same on the admin's screen and the person's. */
  fingerprint(code: string): string[] {
    return codeFingerprint(code);
  }

  /** Publishes this computer's receiving code on the signed-in person's own IAM user. */
  async publish(): Promise<{ code: string; fingerprint: string[] }> {
    const { session, activity } = this.#deps;
    const userName = this.#ownUserName('share your receiving code');
    const code = await this.#deps.receivingCode();
    const tags = await loadTagCalls();
    await session.call('iam:TagUser', userName, ({ clients }) =>
      tags.writeReceivingCodeTag(clients, userName, code),
    );
    const fingerprint = codeFingerprint(code);
    await activity.record({
      actor: session.actor(),
      action: 'user.receiving-code-shared',
      userName,
      accessKeyId: '',
      detail: `check words: ${fingerprint.join(' ')}`,
    });
    return { code, fingerprint };
  }

  /** Removes the published code from the signed-in person's own IAM user. */
  async unpublish(): Promise<void> {
    const { session, activity } = this.#deps;
    const userName = this.#ownUserName('stop sharing your receiving code');
    const tags = await loadTagCalls();
    await session.call('iam:UntagUser', userName, ({ clients }) =>
      tags.removeReceivingCodeTag(clients, userName),
    );
    await activity.record({
      actor: session.actor(),
      action: 'user.receiving-code-unshared',
      userName,
      accessKeyId: '',
    });
  }

  /**
   * The receiving code `userName` published, checked, with its check words and whether it
   * differs from the one this admin last sealed a key to; null when they published none.
   */
  async lookup(userName: string): Promise<PublishedCode | null> {
    const { session } = this.#deps;
    const tags = await loadTagCalls();
    const value = await session.call('iam:ListUserTags', userName, ({ clients }) =>
      tags.readReceivingCodeTag(clients, userName),
    );
    if (value === null) return null;
    const code = checkPublished(userName, value);
    const lastUsedCode = await this.#used.lastUsed(this.#accountId(), userName);
    return {
      code,
      fingerprint: codeFingerprint(code),
      changedSinceLastUse: lastUsedCode !== null && lastUsedCode !== code,
      lastUsedCode,
    };
  }

  /** Records that a key was sealed to `code` for `userName`, for the next look-up to compare. */
  async remember(userName: string, code: string): Promise<void> {
    const [checked = code] = parseReceivingCodes([code]);
    await this.#used.remember(this.#accountId(), userName, checked);
  }

  /**
   * This computer's receiving code and check words (for Receive), and whether the signed-in
   * person's IAM user holds it. Never fails for want of a sign-in or a permission: the words are
   * what matters most, and they need neither.
   */
  async mine(): Promise<MyReceivingCode> {
    const { session } = this.#deps;
    const code = await this.#deps.receivingCode();
    const fingerprint = codeFingerprint(code);
    const userName = session.whoami()?.userName ?? null;
    if (userName === null) return { code, fingerprint, published: 'unknown', userName };
    try {
      const tags = await loadTagCalls();
      const value = await session.call('iam:ListUserTags', userName, ({ clients }) =>
        tags.readReceivingCodeTag(clients, userName),
      );
      const published = value === null ? 'not-shared' : value === code ? 'shared' : 'other';
      return { code, fingerprint, published, userName };
    } catch (error) {
      // Refused or unreachable: the window still shows the words, and offers to share.
      if (error instanceof AppError) return { code, fingerprint, published: 'unknown', userName };
      throw error;
    }
  }

  /** Only ever the signed-in person's own user: the directory never writes on anyone else. */
  #ownUserName(doing: string): string {
    const identity = this.#deps.session.whoami();
    if (identity === null) {
      throw new AppError(
        'not-signed-in',
        `Sign in to AWS as yourself to ${doing}.`,
        'Sign in with your own stored key or AWS profile, then try again.',
      );
    }
    if (identity.userName === null) {
      throw new AppError(
        'invalid-input',
        `You are signed in with a role, not as an IAM user, so there is nowhere to ${doing}.`,
        'Sign in with your own IAM user’s key, or send your receiving code to your admin yourself.',
      );
    }
    return identity.userName;
  }

  #accountId(): string {
    return this.#deps.session.whoami()?.accountId ?? '';
  }
}

/** A published tag anyone with TagUser could have written: used only if it is a receiving code. */
function checkPublished(userName: string, value: string): string {
  try {
    const [code] = parseReceivingCodes([value]);
    if (code !== undefined) return code;
  } catch {
    // Refused below in the directory's own words; the tag's value is never repeated.
  }
  throw new AppError(
    'invalid-recipient',
    `The receiving code ${userName} shared in AWS is not a valid receiving code, so Keyward will not seal a key to it.`,
    `Ask ${userName} to share it again from Keyward (Receive, “Let my admin find my receiving code”), or to send you their receiving code so you can paste it.`,
  );
}
