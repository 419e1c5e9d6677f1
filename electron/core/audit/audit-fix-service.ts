import type { AuditResult } from '../../common/audit';
import type {
  AuditFixKind,
  AuditFixPlan,
  AuditFixProgress,
  AuditFixResult,
} from '../../common/audit-fix';
import { maxFixDays } from '../../common/audit-fix';
import { AppError } from '../errors';
import type { Platform } from '../platform';
import { auditChangesOfFix } from './audit-fix-changes';
import { exportAuditFixCsv } from './audit-fix-export';
import type { FixDeps, FixRunOptions } from './audit-fix-run';
import type { AuditKeyChange } from './audit-row-change';

export interface AuditFixDeps extends FixDeps {
  /** The last audit: a fix starts from its rows, and shows what the fix changed. */
  audit: { last(): AuditResult | null; keyChanged(change: AuditKeyChange): unknown };
  platform: Platform;
}

/** The AWS SDK is loaded on first use, as the audit's is. */
const loadRun = () => import('./audit-fix-run');

type RunOptions = Pick<FixRunOptions, 'onProgress' | 'concurrency' | 'now'>;

/**
 * From the audit to the fix, for the window and the command line: preview exactly which keys a
 * bulk fix would change, then carry out that preview once the person typed its confirmation.
 * One preview or fix at a time; the plan and result stay here, so keys never travel back from
 * the window.
 */
export class AuditFixes {
  readonly #deps: AuditFixDeps;
  #plan: AuditFixPlan | null = null;
  #result: AuditFixResult | null = null;
  /** The plan of the last fix carried out, for its CSV. */
  #done: AuditFixPlan | null = null;
  #running: AbortController | null = null;
  #progress: AuditFixProgress | null = null;

  constructor(deps: AuditFixDeps) {
    this.#deps = deps;
  }

  async preview(kind: AuditFixKind, days: number, options: RunOptions = {}): Promise<AuditFixPlan> {
    if (!Number.isInteger(days) || days < 0 || days > maxFixDays) {
      throw new AppError(
        'invalid-input',
        `${String(days)} is not a number of days Keyward can use.`,
        `Give a whole number of days from 0 to ${String(maxFixDays)}, such as 90.`,
      );
    }
    const audit = this.#deps.audit.last();
    if (!audit) {
      throw new AppError(
        'not-found',
        'There is no audit to fix from yet.',
        'Run the audit first, then choose what to fix.',
      );
    }
    const plan = await this.#run((signal) =>
      loadRun().then(({ previewFix }) =>
        previewFix(this.#deps, audit, kind, days, this.#options(options, signal)),
      ),
    );
    this.#plan = plan;
    this.#result = null;
    return plan;
  }

  /** Carries out the last preview, if `confirmation` is what it asked to type. */
  async apply(
    planId: string,
    confirmation: string,
    options: RunOptions = {},
  ): Promise<AuditFixResult> {
    const plan = this.#plan;
    if (plan?.id !== planId) {
      throw new AppError(
        'not-found',
        'This preview is no longer current, so nothing was changed.',
        'Preview the fix again, check the list, then confirm.',
      );
    }
    if (confirmation.trim() !== plan.confirmation) {
      throw new AppError(
        'confirmation-required',
        'Nothing was changed: the confirmation did not match.',
        `Type ${plan.confirmation}, the number of keys in the preview, to confirm.`,
      );
    }
    const result = await this.#run((signal) =>
      loadRun().then(({ applyFix }) => applyFix(this.#deps, plan, this.#options(options, signal))),
    );
    const audit = this.#deps.audit.last();
    if (audit) {
      for (const change of auditChangesOfFix(audit, plan, result))
        this.#deps.audit.keyChanged(change);
    }
    // A plan is carried out once: doing it again needs a fresh preview.
    this.#plan = null;
    this.#result = result;
    this.#done = plan;
    return result;
  }

  /** Null when nothing is running. */
  progress(): AuditFixProgress | null {
    return this.#progress;
  }

  /** Stops the preview or fix that is running; keys not reached are reported as skipped. */
  cancel(): boolean {
    if (!this.#running) return false;
    this.#running.abort();
    return true;
  }

  /** Forgets everything, e.g. on sign-out: it belongs to the account signed in before. */
  clear(): void {
    this.cancel();
    this.#plan = null;
    this.#result = null;
    this.#done = null;
  }

  async exportCsv(): Promise<{ path: string } | null> {
    if (!this.#result || !this.#done) {
      throw new AppError(
        'not-found',
        'No fix has been carried out yet, so there is nothing to save.',
        'Carry out a fix first, then save its CSV.',
      );
    }
    const file = await exportAuditFixCsv(this.#deps.platform, this.#done, this.#result);
    return file === null ? null : { path: file };
  }

  #options(options: RunOptions, signal: AbortSignal): FixRunOptions {
    return {
      ...options,
      signal,
      onProgress: (progress) => {
        this.#progress = progress;
        options.onProgress?.(progress);
      },
    };
  }

  async #run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#running) {
      throw new AppError(
        'conflict',
        'A fix is already running.',
        'Wait for it to finish, or stop it, then try again.',
      );
    }
    const controller = new AbortController();
    this.#running = controller;
    try {
      return await work(controller.signal);
    } finally {
      this.#running = null;
      this.#progress = null;
    }
  }
}
