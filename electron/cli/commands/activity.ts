import { activityWords, defaultActivityLimit as defaultLimit } from '../../common/activity';
import type { ActivityFilter } from '../../common/activity';
import type { CommandSpec } from '../command-spec';
import { UsageError, stringArg } from '../command-spec';
import { table } from '../format';

export const activity: CommandSpec = {
  words: ['activity'],
  summary: 'Show what this computer’s Keyward did to keys, and who did it: the newest last.',
  usage: '[--since DATE] [--profile NAME] [--limit N]',
  options: {
    since: {
      type: 'string',
      value: 'DATE',
      help: 'Only what happened from DATE on: 2026-01-31 (midnight UTC) or 2026-01-31T09:00Z',
    },
    profile: {
      type: 'string',
      value: 'NAME',
      help: 'Only what happened to the kept key NAME (its earlier keys too) or to a key ID',
    },
    limit: {
      type: 'string',
      value: 'N',
      help: `Show the last N entries (default ${String(defaultLimit)}, or all with --since)`,
    },
  },
  run: async (context, args) => {
    const since = sinceArg(stringArg(args, 'since'));
    const profile = stringArg(args, 'profile');
    const limitText = stringArg(args, 'limit');
    // A start date asks for a stretch of time, so all of it unless a limit is given too.
    const limit = since && limitText === undefined ? undefined : limitArg(limitText);
    const filter: ActivityFilter = {
      ...(since ? { since } : {}),
      ...(profile ? { key: profile } : {}),
    };
    const core = await context.core();
    const entries = await core.activity.find(filter, limit === undefined ? {} : { limit });
    context.print(entries, () =>
      entries.length === 0
        ? since || profile
          ? 'Nothing recorded that matches.'
          : 'Nothing recorded yet.'
        : table(
            ['WHEN (UTC)', 'WHAT', 'USER', 'KEY ID', 'BY', 'DETAIL'],
            entries.map((entry) => [
              entry.at.slice(0, 19).replace('T', ' '),
              activityWords[entry.action],
              entry.userName,
              entry.accessKeyId,
              entry.actor,
              entry.detail ?? '',
            ]),
          ),
    );
  },
};

function limitArg(text: string | undefined): number {
  if (text === undefined) return defaultLimit;
  const limit = /^\d{1,6}$/.test(text) ? Number(text) : 0;
  if (limit < 1) throw new UsageError('--limit must be a whole number, 1 or more.');
  return limit;
}

const dayOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayAndTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * --since as an ISO moment. A date alone is midnight UTC, as the table shows times in UTC; a date
 * and time without a zone is the computer's own time, as ISO 8601 says.
 */
export function sinceArg(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const day = dayOnly.exec(trimmed);
  let moment = Number.NaN;
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    moment = Date.UTC(year, month - 1, date);
    // Date.UTC rolls 2026-02-30 over into March: such a date does not exist.
    if (new Date(moment).getUTCDate() !== date) moment = Number.NaN;
  } else if (dayAndTime.test(trimmed)) {
    moment = Date.parse(trimmed);
  }
  if (Number.isNaN(moment)) {
    throw new UsageError(
      `--since needs a date such as 2026-01-31, or a date and time such as 2026-01-31T09:00Z; “${trimmed}” is neither.`,
    );
  }
  return new Date(moment).toISOString();
}
