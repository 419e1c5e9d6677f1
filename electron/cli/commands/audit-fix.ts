import type {
  AuditFixKind,
  AuditFixPlan,
  AuditFixResult,
  FixKeyResult,
} from '../../common/audit-fix';
import { auditFixKinds, maxFixDays } from '../../common/audit-fix';
import type { Core } from '../../core/compose';
import { AppError } from '../../core/errors';
import type { CommandContext, OptionSpec, ParsedArgs } from '../command-spec';
import { flagArg, stringArg, UsageError } from '../command-spec';
import { day, table } from '../format';

/** `keyward audit`'s options for fixing what it found. */
export const auditFixOptions: Record<string, OptionSpec> = {
  fix: {
    type: 'string',
    value: 'FIX',
    help: 'Fix what the audit found: deactivate-unused (active keys not used for --days) or delete-inactive (inactive keys not used for --days)',
  },
  days: { type: 'string', value: 'N', help: 'With --fix: keys not used for N days or more' },
  'dry-run': { type: 'boolean', help: 'With --fix: only show which keys would change' },
  yes: { type: 'boolean', help: 'With --fix: do not ask to type the number of keys first' },
};

/** The fix named on the command line, or null when --fix was not given. */
export function fixRequest(args: ParsedArgs): { kind: AuditFixKind; days: number } | null {
  const fix = stringArg(args, 'fix');
  const daysText = stringArg(args, 'days');
  if (fix === undefined) {
    if (daysText !== undefined || flagArg(args, 'dry-run') || flagArg(args, 'yes')) {
      throw new UsageError('--days, --dry-run and --yes go with --fix.');
    }
    return null;
  }
  if (!(auditFixKinds as readonly string[]).includes(fix)) {
    throw new UsageError(`--fix must be ${auditFixKinds.join(' or ')}.`);
  }
  if (daysText === undefined) throw new UsageError('--fix needs --days N, such as --days 90.');
  const days = Number(daysText);
  if (!/^\d+$/.test(daysText) || days > maxFixDays) {
    throw new UsageError(`--days must be a whole number from 0 to ${String(maxFixDays)}.`);
  }
  return { kind: fix as AuditFixKind, days };
}

const verb = (kind: AuditFixKind) => (kind === 'deactivate-unused' ? 'Deactivate' : 'Delete');
const pastTense = (kind: AuditFixKind) =>
  kind === 'deactivate-unused' ? 'deactivated' : 'deleted';
const keysText = (n: number) => `${String(n)} key${n === 1 ? '' : 's'}`;

/**
 * After the audit: previews the fix, asks for the typed number of keys (or takes --yes), carries
 * it out and says what happened to each key. Exits non-zero when any key failed.
 */
export async function runAuditFix(
  context: CommandContext,
  args: ParsedArgs,
  core: Core,
  request: { kind: AuditFixKind; days: number },
): Promise<void> {
  const { kind, days } = request;
  const plan = await core.auditFix.preview(kind, days, {
    onProgress: (progress) => {
      if (progress.done === 0) context.note('Looking up the keys the audit found…');
    },
  });
  if (flagArg(args, 'dry-run') || plan.keys.length === 0) {
    context.print({ plan, result: null }, () => previewText(plan));
    return;
  }
  if (!flagArg(args, 'yes')) {
    const typed = await askForNumber(context, plan);
    if (typed === null) {
      context.io.stderr.write(`${previewText(plan)}\n`);
      throw new AppError(
        'confirmation-required',
        `Nothing was changed: ${verb(kind).toLowerCase()} ${keysText(plan.keys.length)} needs confirming.`,
        'Run again with --yes if you are sure, or with --dry-run to see the list only.',
      );
    }
    // A wrong number is refused by the fix itself, with what to type.
    await apply(context, core, plan, typed);
    return;
  }
  await apply(context, core, plan, plan.confirmation);
}

async function apply(
  context: CommandContext,
  core: Core,
  plan: AuditFixPlan,
  confirmation: string,
): Promise<void> {
  const verbing = plan.kind === 'deactivate-unused' ? 'Deactivating' : 'Deleting';
  context.note(`${verbing} ${keysText(plan.keys.length)}…`);
  const result = await core.auditFix.apply(plan.id, confirmation);
  context.print({ plan, result }, () => resultText(result));
  const failed = result.keys.filter(
    (key): key is Extract<FixKeyResult, { outcome: 'failed' }> => key.outcome === 'failed',
  );
  if (failed.length > 0) {
    throw new AppError(
      'aws-failure',
      `${keysText(failed.length)} could not be ${pastTense(plan.kind)}: the list above says why.`,
      'Deal with that, then run the audit and the fix again: the keys already done stay as they are.',
    );
  }
}

/** On a terminal: the preview, then "type N". Null when there is no terminal to ask on. */
async function askForNumber(context: CommandContext, plan: AuditFixPlan): Promise<string | null> {
  if (context.io.stdin.isTTY !== true) return null;
  context.io.stderr.write(
    `${previewText(plan)}\n\nType ${plan.confirmation} (the number of keys) to ${verb(plan.kind).toLowerCase()} them, or press Enter to stop: `,
  );
  return (await context.readStdinLine()).trim();
}

/** Keys from an audit of several accounts get an ACCOUNT column. */
function severalAccounts(keys: readonly { accountId?: string }[]): boolean {
  return new Set(keys.map((key) => key.accountId)).size > 1;
}

export function previewText(plan: AuditFixPlan): string {
  const lines: string[] = [];
  if (plan.keys.length === 0) {
    lines.push(`No keys to ${verb(plan.kind).toLowerCase()}: none fit. ${plan.measured}`);
  } else {
    lines.push(`${verb(plan.kind)} ${keysText(plan.keys.length)}. ${plan.measured}`);
    const several = severalAccounts(plan.keys);
    lines.push(
      table(
        [...(several ? ['ACCOUNT'] : []), 'USER', 'KEY ID', 'AGE', 'LAST USED', 'UNUSED FOR'],
        plan.keys.map((key) => [
          ...(several ? [key.accountId ?? plan.accountId] : []),
          key.userName,
          key.accessKeyId,
          `${String(key.ageDays)} days`,
          key.lastUsed === null ? 'never' : day(key.lastUsed),
          `${String(key.idleDays)} days`,
        ]),
      ),
    );
  }
  if (plan.excluded.length > 0) {
    lines.push(`Left alone (${keysText(plan.excluded.length)}):`);
    for (const key of plan.excluded) {
      lines.push(`  ${key.userName} ${key.accessKeyId ?? ''}: ${key.why}`.replace(/ {2,}:/, ':'));
    }
  }
  return lines.join('\n');
}

function resultText(result: AuditFixResult): string {
  const parts = [`${keysText(result.done)} ${pastTense(result.kind)}`];
  if (result.skipped > 0) parts.push(`${keysText(result.skipped)} skipped`);
  if (result.failed > 0) parts.push(`${keysText(result.failed)} failed`);
  const several = severalAccounts(result.keys);
  return `${parts.join(', ')}.\n${table(
    [...(several ? ['ACCOUNT'] : []), 'USER', 'KEY ID', 'RESULT'],
    result.keys.map((key) => [
      ...(several ? [key.accountId ?? ''] : []),
      key.userName,
      key.accessKeyId,
      key.outcome === 'done' ? pastTense(result.kind) : `${key.outcome}: ${key.why}`,
    ]),
  )}`;
}
