import { AppError } from '../../core/errors';
import { UsageError, stringArg } from '../command-spec';
import { keyCommand } from './keys';

export const keysDescribe = keyCommand({
  verb: 'describe',
  summary: 'Say what a key is for (shown in the IAM console); an empty text removes it.',
  usage: '--description TEXT',
  options: {
    description: {
      type: 'string',
      value: 'TEXT',
      help: 'What the key is for, e.g. "Laptop CLI"; "" removes the description',
    },
  },
  run: async (context, { user, key }, args) => {
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
});
