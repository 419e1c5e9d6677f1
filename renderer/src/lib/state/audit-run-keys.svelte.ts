import type { KeywardApi } from '../../../../electron/common/bridge';
import type { AccessKeySummary } from '../../../../electron/common/domain';
import type { BridgeError } from '../../../../electron/common/errors';
import type { Result } from '../../../../electron/common/result';
import { call } from '../api';
import { shortKeyId } from '../format';
import type { Announcer } from './announcer.svelte';
import type { AuditLine, AuditRun } from './audit-run.svelte';
import { Task } from './task.svelte';

export type RowAction = 'activate' | 'deactivate' | 'delete';

/** A row's key as AWS has it now, for a dialog that asks first. */
export interface RowKey {
  line: AuditLine;
  key: AccessKeySummary;
}

/** The credential report gives creation to the second; IAM's own listing to the millisecond. */
const sameCreationMs = 2_000;

/** The row's own account, for every call about its key: never the current account's by default. */
function inAccount(line: AuditLine): { accountId?: string } {
  return line.accountId === null ? {} : { accountId: line.accountId };
}

function notFound(line: Pick<AuditLine, 'userName'>): BridgeError {
  return {
    code: 'not-found',
    message: `This key of ${line.userName} is no longer in AWS as the audit saw it.`,
    hint: 'Run the audit again to see the keys as they are now.',
  };
}

/**
 * Deactivate, Activate and Delete on a row of the audit, through the same key administration as
 * People's keys (its in-use and lock-out rules, its History entries). The audit may not know a
 * key's id (the credential report does not name keys): the person's keys are read first and the
 * row's key found by its creation date. Afterwards main's audit result is updated, row and
 * summary, without auditing again.
 */
export class AuditKeyActions {
  /** Finding a row's key in AWS, or changing it; `about` says which row and what. */
  readonly acting = new Task<null, { lineId: string; action: RowAction }>();
  /** The key a delete confirmation is open for. */
  deleting = $state.raw<RowKey | null>(null);
  /** The key Keyward is signed in with, about to be deactivated: the lock-out is asked first. */
  lockingOut = $state.raw<RowKey | null>(null);
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;
  readonly #audit: AuditRun;
  readonly #onLockedOut: () => Promise<void>;

  constructor(
    api: KeywardApi,
    announcer: Announcer,
    audit: AuditRun,
    onLockedOut: () => Promise<void>,
  ) {
    this.#api = api;
    this.#announcer = announcer;
    this.#audit = audit;
    this.#onLockedOut = onLockedOut;
  }

  /** What is being done to this row now, if anything. */
  doingTo = (line: AuditLine): RowAction | null => {
    const doing = this.acting.doing;
    return doing?.lineId === line.id ? doing.action : null;
  };

  /** Why the last action on this row failed, if it was the last row acted on. */
  errorOf = (line: AuditLine): BridgeError | null =>
    this.acting.about?.lineId === line.id ? this.acting.error : null;

  /** Deactivates an active key, or (for Keyward's own sign-in) asks about the lock-out first. */
  deactivate = async (line: AuditLine): Promise<void> => {
    const found = await this.#act(line, 'deactivate', async (key) => {
      if (key.signedInKey) return { ok: true, value: null };
      return this.#setStatus(line, key, 'Inactive', false);
    });
    if (found?.signedInKey) this.lockingOut = { line, key: found };
  };

  /** After the lock-out dialog: the person agreed that Keyward signs out. */
  confirmLockOut = async (target: RowKey): Promise<void> => {
    const answer = await this.#act(target.line, 'deactivate', (key) =>
      this.#setStatus(target.line, key, 'Inactive', true),
    );
    if (answer) await this.#lockedOut(answer, 'deactivated');
  };

  activate = async (line: AuditLine): Promise<void> => {
    await this.#act(line, 'activate', (key) => this.#setStatus(line, key, 'Active', false));
  };

  /** Reads the key as it is now, then opens the delete confirmation for it. */
  askDelete = async (line: AuditLine): Promise<void> => {
    const answer = await this.acting.run(
      async () => {
        const key = await this.#find(line);
        if (!key.ok) return key;
        this.deleting = { line, key: key.value };
        return { ok: true, value: null };
      },
      { about: { lineId: line.id, action: 'delete' } },
    );
    if (!answer.ok) this.deleting = null;
  };

  /**
   * The delete dialog's own confirmation (the typed key ID for an active key, the lock-out
   * warning for Keyward's own) was given; a refusal is shown in that dialog.
   */
  delete = async (key: AccessKeySummary): Promise<Result<null>> => {
    const line = this.deleting?.line;
    if (!line) return { ok: false, error: notFound(key) };
    const { userName, accessKeyId } = key;
    const answer = await call(() =>
      this.#api.keys.delete({ userName, accessKeyId, confirmInUse: true, ...inAccount(line) }),
    );
    if (!answer.ok) return answer;
    if (key.signedInKey) {
      await this.#lockedOut(key, 'deleted');
      return answer;
    }
    await this.#changed(line, accessKeyId, 'deleted');
    this.#announcer.say(`Key ${shortKeyId(accessKeyId)} of ${userName} was deleted.`);
    return answer;
  };

  /** Forgets what was shown (a new audit, or signing out). */
  forget = (): void => {
    this.acting.reset();
    this.deleting = null;
    this.lockingOut = null;
  };

  /**
   * Finds the row's key, then runs `change` on it; answers with the key, or null when it could
   * not be found or changed (the row shows why).
   */
  async #act(
    line: AuditLine,
    action: RowAction,
    change: (key: AccessKeySummary) => Promise<Result<null>>,
  ): Promise<AccessKeySummary | null> {
    let found: AccessKeySummary | null = null;
    const answer = await this.acting.run(
      async () => {
        const key = await this.#find(line);
        if (!key.ok) return key;
        found = key.value;
        return change(key.value);
      },
      { about: { lineId: line.id, action } },
    );
    return answer.ok ? found : null;
  }

  async #setStatus(
    line: AuditLine,
    key: AccessKeySummary,
    status: 'Active' | 'Inactive',
    confirmLockOut: boolean,
  ): Promise<Result<null>> {
    const { userName, accessKeyId } = key;
    const answer = await call(() =>
      this.#api.keys.setStatus({
        userName,
        accessKeyId,
        status,
        ...(confirmLockOut ? { confirmInUse: true } : {}),
        ...inAccount(line),
      }),
    );
    if (!answer.ok) return answer;
    if (key.signedInKey && status === 'Inactive') return answer;
    await this.#changed(line, accessKeyId, status === 'Active' ? 'activated' : 'deactivated');
    this.#announcer.say(
      `Key ${shortKeyId(accessKeyId)} of ${userName} is now ${status === 'Active' ? 'active' : 'deactivated'}.`,
    );
    return answer;
  }

  /** The row's key as AWS lists it now: by id, or by creation date when the audit had no id. */
  async #find(line: AuditLine): Promise<Result<AccessKeySummary>> {
    const seen = line.key;
    if (!seen) return { ok: false, error: notFound(line) };
    const listed = await call(() =>
      this.#api.keys.list({ userName: line.userName, ...inAccount(line) }),
    );
    if (!listed.ok) return listed;
    const created = seen.lastRotated === null ? Number.NaN : Date.parse(seen.lastRotated);
    const key = listed.value.find((k) =>
      seen.accessKeyId !== null
        ? k.accessKeyId === seen.accessKeyId
        : Math.abs(Date.parse(k.created) - created) < sameCreationMs,
    );
    return key ? { ok: true, value: key } : { ok: false, error: notFound(line) };
  }

  /** Main's audit result shows the change; the table follows it. */
  async #changed(
    line: AuditLine,
    accessKeyId: string,
    change: 'activated' | 'deactivated' | 'deleted',
  ): Promise<void> {
    if (!line.key) return;
    const answer = await call(() =>
      this.#api.audit.keyChanged({
        userName: line.userName,
        accessKeyId,
        slot: line.key?.slot ?? 1,
        change,
        ...inAccount(line),
      }),
    );
    if (answer.ok && answer.value) this.#audit.result = answer.value;
  }

  async #lockedOut(key: AccessKeySummary, done: 'deactivated' | 'deleted'): Promise<void> {
    await this.#onLockedOut();
    this.#announcer.say(
      `Key ${shortKeyId(key.accessKeyId)} was ${done}. Keyward was signed in with it, so it signed out. Sign in with another key or AWS profile to carry on.`,
    );
  }
}
