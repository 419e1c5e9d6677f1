import { AppError } from '../../core/errors';
import type { CommandSpec } from '../command-spec';
import { UsageError, requiredArg, stringArg } from '../command-spec';
import { keyIdArg, keyOption, userOption } from './keys';

export const keysDescribe: CommandSpec = {
  words: ['keys', 'describe'],
  summary: 'Say what a key is for (shown in the IAM console); an empty text removes it.',
  usage: '--user USER --key ID --description TEXT',
  options: {
    user: userOption,
    key: keyOption,
    description: {
      type: 'string',
      value: 'TEXT',
      help: 'What the key is for, e.g. "Laptop CLI"; "" removes the description',
    },
  },
  signsIn: true,
  run: async (context, args) => {
    const user = requiredArg(args, 'user');
    const key = keyIdArg(args);
    const description = stringArg(args, 'description');
    if (description === undefined) {
      throw new UsageError('--description is required ("" removes the description).');
    }
    const core = await context.signIn(args);
    await core.keyAdmin.describeKey(user, key, description).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'not-found')) throw error;
      throw new AppError(
        error.code,
        error.message,
        `See ${user}’s keys with: keyward keys list --user ${user}`,
        {
          cause: error,
        },
      );
    });
    context.print({ userName: user, accessKeyId: key, description: description || null }, () =>
      description === ''
        ? `Removed the description of ${key} of ${user}.`
        : `${key} of ${user} is now described as "${description}".`,
    );
  },
};
