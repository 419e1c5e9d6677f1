import { AppError } from '../../core/errors';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../command-spec';
import { UsageError, flagArg, requiredArg } from '../command-spec';
import { day, table } from '../format';
import { accessKeyIdPattern } from '../../common/key-shapes';

export const userOption = { type: 'string', value: 'USER', help: 'The IAM user' } as const;
const keyOption = {
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
  const status = verb === 'activate' ? 'Active' : 'Inactive';
  return keyCommand({
    verb,
    summary:
      verb === 'activate'
        ? 'Make an inactive key work again.'
        : 'Stop a key from working, without deleting it (it can be activated again).',
    run: async (context, { user, key }, args) => {
      const core = await context.signIn(args);
      await core.keyAdmin.setKeyStatus(user, key, status);
      context.print(
        { userName: user, accessKeyId: key, status },
        () => `${key} of ${user} is now ${status.toLowerCase()}.`,
      );
    },
  });
}

export const keysActivate = statusCommand('activate');
export const keysDeactivate = statusCommand('deactivate');

export const keysDelete = keyCommand({
  verb: 'delete',
  summary: 'Delete a key for good. A key in use needs --yes.',
  usage: '[--yes]',
  options: {
    yes: {
      type: 'boolean',
      help: 'Delete even a key that is in use (used in the last 7 days, or the signed-in one)',
    },
  },
  run: async (context, { user, key }, args) => {
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
});

/**
 * A signed-in command about one key of one user: `keys VERB --user USER --key ID`, both checked
 * before anything else, then the command's own options.
 */
export function keyCommand(spec: {
  verb: string;
  summary: string;
  /** The command's own options in help, after "--user USER --key ID". */
  usage?: string;
  options?: Record<string, OptionSpec>;
  run(
    context: CommandContext,
    target: { user: string; key: string },
    args: ParsedArgs,
  ): Promise<void>;
}): CommandSpec {
  return {
    words: ['keys', spec.verb],
    summary: spec.summary,
    usage: ['--user USER --key ID', spec.usage].filter(Boolean).join(' '),
    options: { user: userOption, key: keyOption, ...spec.options },
    signsIn: true,
    run: (context, args) =>
      spec.run(context, { user: requiredArg(args, 'user'), key: keyIdArg(args) }, args),
  };
}

function keyIdArg(args: ParsedArgs): string {
  const key = requiredArg(args, 'key');
  if (!accessKeyIdPattern.test(key)) {
    throw new UsageError(
      '--key must be an access key id: AKIA followed by 16 capital letters or digits.',
    );
  }
  return key;
}
