import { activityWords, defaultActivityLimit as defaultLimit } from '../../common/activity';
import type { CommandSpec } from '../command-spec';
import { UsageError, stringArg } from '../command-spec';
import { table } from '../format';

export const activity: CommandSpec = {
  words: ['activity'],
  summary: 'Show what this computer’s Keyward did to keys, and who did it: the newest last.',
  usage: '[--limit N]',
  options: {
    limit: {
      type: 'string',
      value: 'N',
      help: `Show the last N entries (default ${String(defaultLimit)})`,
    },
  },
  run: async (context, args) => {
    const limit = limitArg(stringArg(args, 'limit'));
    const core = await context.core();
    const entries = await core.activity.recent(limit);
    context.print(entries, () =>
      entries.length === 0
        ? 'Nothing recorded yet.'
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
