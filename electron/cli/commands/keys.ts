import { AppError } from '../../core/errors';
import type { CommandSpec, ParsedArgs } from '../command-spec';
import { UsageError, flagArg, requiredArg } from '../command-spec';
import { day, table } from '../format';
import { accessKeyIdPattern } from '../../common/key-shapes';

export const userOption = { type: 'string', value: 'USER', help: 'The IAM user' } as const;
export const keyOption = {
  type: 'string',
  value: 'ID',
  help: 'The access key id (AKIA…)',
} as const;

export const keysList: CommandSpec = {
  words: ['keys', 'list'],
  summary: 'List a user’s access keys with status, age, last use and description.',
  usage: '--user USER',
  options: { user: userOption },
  signsIn: true,
  run: async (context, args) => {
    const user = requiredArg(args, 'user');
    const core = await context.signIn(args);
    const keys = await core.keyAdmin.listKeys(user);
    context.print(keys, () =>
      keys.length === 0
        ? `${user} has no access keys.`
        : table(
            ['KEY ID', 'STATUS', 'CREATED', 'AGE', 'LAST USED', 'DESCRIPTION'],
            keys.map((key) => [
              `${key.accessKeyId}${key.signedInKey ? '*' : ''}`,
              key.status,
              day(key.created),
              `${String(key.ageDays)}d`,
              key.lastUsed
                ? `${day(key.lastUsed.date)} ${key.lastUsed.service} ${key.lastUsed.region}`
                : 'never',
              key.description ?? '',
            ]),
          ) + (keys.some((key) => key.signedInKey) ? '\n* the key Keyward is signed in with' : ''),
    );
  },
};

function statusCommand(verb: 'activate' | 'deactivate'): CommandSpec {
  return {
    words: ['keys', verb],
    summary:
      verb === 'activate'
        ? 'Make an inactive key work again.'
        : 'Stop a key from working, without deleting it (it can be activated again).',
    usage: '--user USER --key ID',
    options: { user: userOption, key: keyOption },
    signsIn: true,
    run: async (context, args) => {
      const user = requiredArg(args, 'user');
      const key = keyIdArg(args);
      const core = await context.signIn(args);
      await core.keyAdmin.setKeyStatus(user, key, verb === 'activate' ? 'Active' : 'Inactive');
      context.print(
        { userName: user, accessKeyId: key, status: verb === 'activate' ? 'Active' : 'Inactive' },
        () => `${key} of ${user} is now ${verb === 'activate' ? 'active' : 'inactive'}.`,
      );
    },
  };
}

export const keysActivate = statusCommand('activate');
export const keysDeactivate = statusCommand('deactivate');

export const keysDelete: CommandSpec = {
  words: ['keys', 'delete'],
  summary: 'Delete a key for good. A key in use needs --yes.',
  usage: '--user USER --key ID [--yes]',
  options: {
    user: userOption,
    key: keyOption,
    yes: {
      type: 'boolean',
      help: 'Delete even a key that is in use (used in the last 7 days, or the signed-in one)',
    },
  },
  signsIn: true,
  run: async (context, args) => {
    const user = requiredArg(args, 'user');
    const key = keyIdArg(args);
    const core = await context.signIn(args);
    try {
      await core.keyAdmin.deleteKey(user, key, flagArg(args, 'yes'));
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'confirmation-required')) throw error;
      if (!(await context.confirm(`${error.message} Delete ${key} anyway?`))) {
        throw new AppError(error.code, error.message, 'Run again with --yes if you are sure.');
      }
      await core.keyAdmin.deleteKey(user, key, true);
    }
    context.print(
      { userName: user, accessKeyId: key, deleted: true },
      () => `Deleted ${key} of ${user}.`,
    );
  },
};

export function keyIdArg(args: ParsedArgs): string {
  const key = requiredArg(args, 'key');
  if (!accessKeyIdPattern.test(key)) {
    throw new UsageError(
      '--key must be an access key id: AKIA followed by 16 capital letters or digits.',
    );
  }
  return key;
}
