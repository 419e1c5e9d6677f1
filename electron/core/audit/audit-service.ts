import { AppError } from '../errors';
import { exportAuditCsv } from './audit-export';
import type { AuditProgress, AuditResult } from '../../common/audit';
import type { Platform } from '../platform';
import type { AuditHost, AuditOptions } from './run-audit';
import {
  rowIndexOf,
  withKeyChanged,
  withoutRow,
  withRowKeys,
  type AuditKeyChange,
} from './audit-row-change';

/** The audit's needs, and the platform's save dialog for exporting it. */
export type AuditServiceDeps = AuditHost & { platform: Platform };

/** The audit loads the AWS SDK; the first screen does not, so it is imported on first use. */
const loadRunAudit = () => import('./run-audit');
const loadPerson = () => import('./audit-person');

/**
 * One audit at a time for the window: the bridge starts it, polls its progress, cancels it and
 * exports its result without the rows ever travelling back from the renderer.
 */
export class AuditService {
  readonly #host: AuditServiceDeps;
  #running: {
    promise: Promise<AuditResult>;
    controller: AbortController;
    accounts: AuditOptions['accounts'];
  } | null = null;
  #progress: AuditProgress | null = null;
  #last: AuditResult | null = null;

  constructor(host: AuditServiceDeps) {
    this.#host = host;
  }

  /** Starts an audit, or joins the one already running (a second click does not start two). */
  run(
    options: Pick<AuditOptions, 'source' | 'accounts' | 'onProgress'> = {},
  ): Promise<AuditResult> {
    if (this.#running) return this.#running.promise;
    const controller = new AbortController();
    this.#progress = { phase: 'generating-report', done: 0, total: null, slowedDown: false };
    const promise = loadRunAudit()
      .then(({ runAudit }) =>
        runAudit(this.#host, {
          ...options,
          signal: controller.signal,
          onProgress: (progress) => {
            this.#progress = progress;
            options.onProgress?.(progress);
          },
        }),
      )
      .then((result) => {
        this.#last = result;
        return result;
      })
      .finally(() => {
        this.#running = null;
        this.#progress = null;
      });
    this.#running = { promise, controller, accounts: options.accounts };
    return promise;
  }

  /** Null when no audit is running. */
  progress(): AuditProgress | null {
    return this.#progress;
  }

  /** Stops the running audit; its `run()` rejects with an AbortError. False if none was running. */
  cancel(): boolean {
    if (!this.#running) return false;
    this.#running.controller.abort();
    return true;
  }

  last(): AuditResult | null {
    return this.#last;
  }

  /**
   * A key was changed from its row after the audit ran: the last result shows it so (row, flags,
   * summary) without auditing again, for the window and the CSV export alike.
   */
  keyChanged(change: AuditKeyChange, now = Date.now()): AuditResult | null {
    if (this.#last) this.#last = withKeyChanged(this.#last, change, now);
    return this.#last;
  }

  /**
   * Another signed-in account became current. An audit of every account still holds (each row
   * names its account, and acts there); an audit of one account describes the one before.
   */
  accountSwitched(): void {
    const running = this.#running;
    const last = this.#last;
    if (running ? running.accounts === 'all' : (last?.accounts?.length ?? 0) > 1) return;
    running?.controller.abort(new AuditStoppedBySwitch());
    this.clear();
  }

  /** Whether the last audit (or the one running) has rows of that account. */
  covers(accountId: string): boolean {
    if (this.#running?.accounts === 'all') return true;
    const last = this.#last;
    return last !== null && (last.accounts ?? []).some((part) => part.accountId === accountId);
  }

  /**
   * A person's keys were changed, or the person deleted, outside the audit (People's keys,
   * offboarding): their row is read again from IAM, so the audit does not offer to fix keys that
   * are gone. Rows of people the audit did not list are left alone.
   */
  async personChanged(userName: string, accountId?: string): Promise<AuditResult | null> {
    const last = this.#last;
    if (!last) return null;
    const account = accountId ?? this.#host.signedIn().identity.accountId;
    if (rowIndexOf(last, account, userName) < 0) return last;
    const signedIn = (this.#host.allSignedIn?.() ?? [this.#host.signedIn()]).find(
      (entry) => entry.identity.accountId === account,
    );
    if (!signedIn) return last;
    const now = Date.now();
    const { rereadPersonKeys } = await loadPerson();
    const keys = await rereadPersonKeys(signedIn, userName, now);
    // Read against the result as it is now: a row action may have changed it meanwhile.
    const current = this.#last;
    if (!current) return null;
    const index = rowIndexOf(current, account, userName);
    this.#last =
      keys === null ? withoutRow(current, index) : withRowKeys(current, index, keys, now);
    return this.#last;
  }

  /** Forgets the last result, e.g. on sign-out: it describes the account signed in before. */
  clear(): void {
    this.cancel();
    this.#last = null;
  }

  async exportCsv(): Promise<{ path: string } | null> {
    if (!this.#last) {
      throw new AppError(
        'not-found',
        'There is no audit to export yet.',
        'Run the audit first, then export it.',
      );
    }
    const file = await exportAuditCsv(this.#host.platform, this.#last);
    return file === null ? null : { path: file };
  }
}

/** A running audit of one account, stopped because another account became current. */
export class AuditStoppedBySwitch extends Error {
  constructor() {
    super('The current AWS account changed while the audit ran.');
    // Read as a cancellation everywhere one is (isAuditCancelled).
    this.name = 'AbortError';
  }
}

/** True for the rejection of an audit that was cancelled, which the UI need not show as an error. */
export function isAuditCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
