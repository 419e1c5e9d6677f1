import type {
  AuditFixKind,
  AuditFixPlan,
  AuditFixProgress,
  AuditFixResult,
} from '../../../../electron/common/audit-fix';
import type { AuditResult } from '../../../../electron/common/audit';
import type { KeywardApi } from '../../../../electron/common/bridge';
import { call } from '../api';
import { plural } from '../format';
import type { Announcer } from './announcer.svelte';
import { Task } from './task.svelte';

const pollMs = 300;

/** "Deactivate" / "Delete", as the IAM console says. */
export function fixVerb(kind: AuditFixKind): string {
  return kind === 'deactivate-unused' ? 'Deactivate' : 'Delete';
}

/**
 * A bulk fix from the audit, in the window: choose the fix and the days, preview exactly which
 * keys, type the number of keys, watch it run, read each key's result, save the CSV. Main holds
 * the plan; the window sends back only its id and what the person typed.
 */
export class AuditFix {
  kind = $state<AuditFixKind | null>(null);
  days = $state(90);
  /** What the person typed to confirm. */
  typed = $state('');
  readonly previewing = new Task<AuditFixPlan>();
  readonly applying = new Task<AuditFixResult>();
  readonly exporting = new Task<{ path: string } | null>();
  progress = $state.raw<AuditFixProgress | null>(null);
  readonly #api: KeywardApi;
  readonly #announcer: Announcer;
  /** The audit on screen: it shows what the fix changed once the fix ends. */
  readonly #audit: { result: AuditResult | null };

  constructor(api: KeywardApi, announcer: Announcer, audit: { result: AuditResult | null }) {
    this.#api = api;
    this.#announcer = announcer;
    this.#audit = audit;
  }

  get open(): boolean {
    return this.kind !== null;
  }

  get plan(): AuditFixPlan | null {
    return this.previewing.value;
  }

  get result(): AuditFixResult | null {
    return this.applying.value;
  }

  /** The typed confirmation matches: the button to go ahead is offered only then. */
  get confirmed(): boolean {
    return this.plan !== null && this.typed.trim() === this.plan.confirmation;
  }

  start = (kind: AuditFixKind, days: number): void => {
    this.kind = kind;
    this.days = days;
    this.typed = '';
    this.previewing.reset();
    this.applying.reset();
    this.exporting.reset();
    void this.preview();
  };

  preview = async (): Promise<void> => {
    const kind = this.kind;
    if (kind === null) return;
    this.typed = '';
    this.applying.reset();
    const answer = await this.previewing.run(() =>
      this.#api.audit.fixPreview({ kind, days: this.days }),
    );
    if (answer.ok && answer.latest) {
      this.#announcer.say(
        `${fixVerb(kind)} ${plural(answer.value.keys.length, 'key')}: the list is ready to check.`,
      );
    }
  };

  apply = async (): Promise<void> => {
    const plan = this.plan;
    if (!plan || !this.confirmed || this.applying.busy) return;
    this.progress = { phase: 'fixing', done: 0, total: plan.keys.length, slowedDown: false };
    const answer = this.applying.run(async () => {
      const applied = await this.#api.audit.fixApply({
        planId: plan.id,
        confirmation: this.typed.trim(),
      });
      // Main's audit shows the changed keys (rows, flags, summary); the table follows it before
      // the results show, so the buttons behind the dialog already count what is left.
      const audit = await call(() => this.#api.audit.last());
      if (audit.ok && audit.value) this.#audit.result = audit.value;
      return applied;
    });
    await this.#poll();
    const ended = await answer;
    this.progress = null;
    if (ended.ok) {
      const { done, skipped, failed } = ended.value;
      this.#announcer.say(
        `Finished: ${plural(done, 'key')} done, ${plural(skipped, 'key')} skipped, ${plural(failed, 'key')} failed.`,
      );
    }
  };

  cancel = async (): Promise<void> => {
    await call(() => this.#api.audit.fixCancel());
  };

  export = async (): Promise<void> => {
    const answer = await this.exporting.run(() => this.#api.audit.fixExport());
    if (answer.ok) {
      this.#announcer.say(
        answer.value === null ? 'Not saved: the save window was closed.' : 'The CSV was saved.',
      );
    }
  };

  close = (): void => {
    if (this.applying.busy) return;
    this.kind = null;
  };

  async #poll(): Promise<void> {
    while (this.#running()) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      if (!this.#running()) return;
      const answer = await call(() => this.#api.audit.fixProgress());
      if (this.#running() && answer.ok && answer.value) this.progress = answer.value;
    }
  }

  #running(): boolean {
    return this.applying.busy;
  }
}
