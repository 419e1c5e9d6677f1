import type { IamUserSummary } from '../../common/domain';
import { writeFileAtomic } from '../../core/files/atomic-write';
import type { CommandSpec } from '../command-spec';
import { stringArg } from '../command-spec';
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
  usage: '[--csv FILE] [--fix deactivate-unused|delete-inactive --days N [--dry-run] [--yes]]',
  options: {
    csv: { type: 'string', value: 'FILE', help: 'Also write the full audit to FILE as CSV' },
    ...auditFixOptions,
  },
  details:
    'With --fix, the audit is followed by a preview of exactly which keys would change (never the ' +
    'key Keyward is signed in with); you then type the number of keys to go ahead, or give --yes. ' +
    'Each key is checked again just before it changes. --dry-run shows the preview only.',
  signsIn: true,
  run: async (context, args) => {
    // Bad fix arguments are refused before signing in.
    const fix = fixRequest(args);
    const core = await context.signIn(args);
    const { auditToCsv } = await import('../../core/audit');
    const result = await core.audit.run({
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
    context.print(result, () => {
      const flagged = result.rows.filter((row) => row.flags.length > 0);
      const summary = auditSummaryText(result.summary);
      if (flagged.length === 0) return summary;
      return `${table(
        ['USER', 'FLAGS', 'WHAT TO DO'],
        flagged.map((row) => [
          row.userName,
          row.flags.map((flag) => flag.id).join(' '),
          row.flags[0]?.explanation ?? '',
        ]),
      )}\n${summary}`;
    });
  },
};
