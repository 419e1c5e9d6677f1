import type { AuditResult } from '../../common/audit';
import type { IamUserSummary } from '../../common/domain';
import { writeFileAtomic } from '../../core/files/atomic-write';
import type { CommandContext, CommandSpec, ParsedArgs } from '../command-spec';
import { stringArg, UsageError } from '../command-spec';
import { day, table } from '../format';
import { auditFixOptions, fixRequest, runAuditFix } from './audit-fix';
import { auditSummaryText } from './audit-summary';

export const whoami: CommandSpec = {
  words: ['whoami'],
  summary: 'Show who Keyward signs in as: account, ARN, user and key.',
  usage: '[--profile NAME | --aws-profile NAME]',
  options: {},
  signsIn: true,
  run: async (context, args) => {
    const core = await context.signIn(args);
    const identity = core.session.whoami();
    context.print(identity, () =>
      table(
        ['FIELD', 'VALUE'],
        [
          [
            'account',
            `${identity?.accountId ?? '-'}${identity?.accountAlias ? ` (${identity.accountAlias})` : ''}`,
          ],
          ['arn', identity?.arn ?? '-'],
          ['user', identity?.userName ?? '-'],
          ['access key', identity?.accessKeyId ?? '-'],
        ],
      ),
    );
  },
};

export const usersList: CommandSpec = {
  words: ['users', 'list'],
  summary: 'List the IAM users in the account, optionally only names containing a text.',
  usage: '[--filter TEXT]',
  options: {
    filter: { type: 'string', value: 'TEXT', help: 'Only users whose name contains TEXT' },
  },
  signsIn: true,
  run: async (context, args) => {
    const core = await context.signIn(args);
    const filter = stringArg(args, 'filter') ?? '';
    const users: IamUserSummary[] = [];
    let cursor: string | null = null;
    do {
      const page = await core.keyAdmin.listUsers({ cursor, filter, pageSize: 1000 });
      users.push(...page.users);
      cursor = page.cursor;
    } while (cursor);
    context.print(users, () =>
      users.length === 0
        ? 'No users.'
        : table(
            ['USER', 'CREATED', 'PATH', 'ARN'],
            users.map((user) => [user.userName, day(user.created), user.path, user.arn]),
          ),
    );
  },
};

export const identityShow: CommandSpec = {
  words: ['identity', 'show'],
  summary: 'Show this computer’s receiving code, for colleagues to seal keys to.',
  usage: '',
  options: {},
  run: async (context) => {
    const code = await (await context.core()).handoff.receivingCode();
    context.print({ receivingCode: code }, () => code);
  },
};

export const audit: CommandSpec = {
  words: ['audit'],
  summary:
    'Audit every user’s keys: old, unused, inactive, two active. Optionally as CSV, or fix what it finds.',
  usage:
    '[--aws-profile NAME]… [--profile NAME]… [--csv FILE] [--fix deactivate-unused|delete-inactive --days N [--dry-run] [--yes]]',
  options: {
    // Several accounts at once: each --profile / --aws-profile is one sign-in.
    profile: {
      type: 'string',
      value: 'NAME',
      multiple: true,
      help: 'Audit the account of the key Keyward keeps as NAME (repeat for several accounts)',
    },
    'aws-profile': {
      type: 'string',
      value: 'NAME',
      multiple: true,
      help: 'Audit the account of the AWS profile NAME (repeat for several accounts); default $AWS_PROFILE or "default"',
    },
    csv: { type: 'string', value: 'FILE', help: 'Also write the full audit to FILE as CSV' },
    ...auditFixOptions,
  },
  details:
    'Give --aws-profile (or --profile) more than once to audit several AWS accounts together: ' +
    'the table gets an ACCOUNT column and each account is summed up on its own. ' +
    'With --fix, the audit is followed by a preview of exactly which keys would change (never the ' +
    'key Keyward is signed in with); you then type the number of keys to go ahead, or give --yes. ' +
    'Each key is checked again just before it changes, in its own account. --dry-run shows the preview only.',
  signsIn: true,
  run: async (context, args) => {
    // Bad fix arguments are refused before signing in.
    const fix = fixRequest(args);
    const { core, several } = await signInToEach(context, args);
    const { auditToCsv } = await import('../../core/audit');
    const result = await core.audit.run({
      accounts: several ? 'all' : 'current',
      onProgress: (progress) => {
        if (progress.done === 0) context.note(`${progress.phase.replaceAll('-', ' ')}…`);
      },
    });
    const csv = stringArg(args, 'csv');
    if (csv) {
      await writeFileAtomic(csv, auditToCsv(result), 0o600);
      context.note(`Wrote ${csv}.`);
    }
    if (fix) {
      await runAuditFix(context, args, core, fix);
      return;
    }
    context.print(result, () => auditText(result));
  },
};

/** The account as a person knows it: alias and id. */
function accountText(accountId: string | undefined, alias: string | null | undefined): string {
  return alias ? `${alias} (${accountId ?? ''})` : (accountId ?? '');
}

/** The flagged users, then the summary; with several accounts, an ACCOUNT column and a line each. */
function auditText(result: AuditResult): string {
  const flagged = result.rows.filter((row) => row.flags.length > 0);
  const parts = result.accounts ?? [];
  const several = parts.length > 1;
  const summary = several
    ? parts
        .map(
          (part) =>
            `${accountText(part.accountId, part.accountAlias)}: ${auditSummaryText(part.summary)}`,
        )
        .join('\n')
    : auditSummaryText(result.summary);
  if (flagged.length === 0) return summary;
  const rows = flagged.map((row) => [
    ...(several ? [accountText(row.accountId, row.accountAlias)] : []),
    row.userName,
    row.flags.map((flag) => flag.id).join(' '),
    row.flags[0]?.explanation ?? '',
  ]);
  return `${table([...(several ? ['ACCOUNT'] : []), 'USER', 'FLAGS', 'WHAT TO DO'], rows)}\n${summary}`;
}

/** The strings given for a repeatable option, in order. */
function listArg(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

/**
 * Signs in once per --profile / --aws-profile given (or as `keyward` usually does, with none):
 * each account keeps its own sign-in, and the first one given is the current account.
 */
async function signInToEach(
  context: CommandContext,
  args: ParsedArgs,
): Promise<{ core: Awaited<ReturnType<CommandContext['signIn']>>; several: boolean }> {
  const sources = [
    ...listArg(args, 'profile').map((name) => ({ profile: name })),
    ...listArg(args, 'aws-profile').map((name) => ({ 'aws-profile': name })),
  ];
  if (sources.length <= 1) {
    const only = { ...args.values, profile: undefined, 'aws-profile': undefined, ...sources[0] };
    return { core: await context.signIn({ ...args, values: only }), several: false };
  }
  let core: Awaited<ReturnType<CommandContext['signIn']>> | null = null;
  let first: string | null = null;
  const accounts = new Set<string>();
  for (const source of sources) {
    const values = { ...args.values, profile: undefined, 'aws-profile': undefined, ...source };
    core = await context.signIn({ ...args, values });
    const accountId = core.session.whoami()?.accountId ?? '';
    if (accounts.has(accountId)) {
      throw new UsageError(
        `Two of the profiles given are in the same AWS account (${accountId}). Give one profile per account.`,
      );
    }
    accounts.add(accountId);
    first ??= accountId;
  }
  if (!core || first === null) throw new UsageError('Give a profile to audit.');
  core.session.switchTo(first);
  return { core, several: true };
}
