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
    // AWS keeps a description as a tag on the user, and would accept one for a key id the user
    // does not have: the window only offers the keys it lists, so here the key is looked up first.
    const keys = await core.keyAdmin.listKeys(user);
    if (!keys.some((listed) => listed.accessKeyId === key)) {
      throw new AppError(
        'not-found',
        `${user} has no key ${key}.`,
        `See ${user}’s keys with: keyward keys list --user ${user}`,
      );
    }
    await core.keyAdmin.describeKey(user, key, description);
    context.print({ userName: user, accessKeyId: key, description: description || null }, () =>
      description === ''
        ? `Removed the description of ${key} of ${user}.`
        : `${key} of ${user} is now described as "${description}".`,
    );
  },
};
