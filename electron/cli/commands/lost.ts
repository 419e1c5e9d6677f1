import { AppError } from '../../core/errors';
import type { CommandSpec } from '../command-spec';
import { UsageError, requiredArg } from '../command-spec';
import { day, table } from '../format';

const journalIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const actions = ['delete', 'deactivate', 'dismiss'] as const;
type LostKeyAction = (typeof actions)[number];

export const lostList: CommandSpec = {
  words: ['lost', 'list'],
  summary:
    'List new keys whose secret was never saved (Keyward stopped while creating them): they exist in AWS, but nobody can use them.',
  usage: '',
  options: {},
  run: async (context) => {
    const core = await context.core();
    const lost = await core.lostKeys.list();
    context.print(lost, () =>
      lost.length === 0
        ? 'No unsaved keys: every key Keyward created was kept somewhere.'
        : `${table(
            ['ID', 'USER', 'KEY ID', 'CREATED'],
            lost.map((item) => [
              item.journalId,
              item.userName,
              item.accessKeyId ?? 'unknown',
              day(item.startedAt),
            ]),
          )}\nDelete them so they cannot cause trouble later: keyward lost resolve --id ID --action delete`,
    );
  },
};

export const lostResolve: CommandSpec = {
  words: ['lost', 'resolve'],
  summary:
    'Deal with an unsaved key: delete it in AWS (best), deactivate it, or dismiss the notice.',
  usage: '--id ID --action delete|deactivate|dismiss',
  options: {
    id: { type: 'string', value: 'ID', help: 'The id "keyward lost list" shows' },
    action: {
      type: 'string',
      value: 'ACTION',
      help: 'delete or deactivate the key in AWS (signs in), or dismiss the notice only',
    },
  },
  signsIn: true,
  run: async (context, args) => {
    const id = requiredArg(args, 'id');
    if (!journalIdPattern.test(id)) {
      throw new UsageError('--id must be an id as "keyward lost list" shows it.');
    }
    const action = requiredArg(args, 'action');
    if (!isAction(action)) throw new UsageError('--action must be delete, deactivate or dismiss.');
    const core = await context.core();
    const lost = (await core.lostKeys.list()).find((item) => item.journalId === id.toLowerCase());
    if (!lost) {
      throw new AppError(
        'not-found',
        `There is no unsaved key with the id ${id}: it may have been dealt with already.`,
        'See the ones left with: keyward lost list',
      );
    }
    // Only AWS's side needs a sign-in; dismissing changes nothing but this computer's notice.
    if (action !== 'dismiss') await context.signIn(args);
    await core.lostKeys.resolve(lost.journalId, action);
    const key = lost.accessKeyId ?? 'the key';
    context.print(
      { journalId: lost.journalId, userName: lost.userName, accessKeyId: lost.accessKeyId, action },
      () =>
        action === 'delete'
          ? `Deleted ${key} of ${lost.userName}.`
          : action === 'deactivate'
            ? `Deactivated ${key} of ${lost.userName}. It still exists in AWS; delete it when you can.`
            : `Dismissed the notice about ${key} of ${lost.userName}. The key itself was not changed.`,
    );
  },
};

function isAction(value: string): value is LostKeyAction {
  return (actions as readonly string[]).includes(value);
}
