import type { CommandSpec } from '../command-spec';

/** How check words are shown: the same four words the window shows, space apart. */
export const checkWordsText = (words: readonly string[]): string => words.join(' ');

export const identityPublish: CommandSpec = {
  words: ['identity', 'publish'],
  summary:
    'Let your admin find this computer’s receiving code: put it on your own IAM user, and show its check words.',
  usage: '(--profile NAME | --aws-profile NAME)',
  details:
    'The receiving code is not secret: it only lets someone seal a key file that this computer alone can open. It is kept as the tag "keyward:receiving-code" on your own IAM user. When your admin asks, read them the four check words, so they know the code is yours.',
  options: {},
  signsIn: true,
  run: async (context, args) => {
    const core = await context.signIn(args);
    const { code, fingerprint } = await core.directory.publish();
    const userName = core.session.whoami()?.userName ?? '';
    context.print({ userName, receivingCode: code, checkWords: fingerprint }, () =>
      [
        `This computer’s receiving code is now shared on your IAM user ${userName}, for your admin to find.`,
        `Its check words: ${checkWordsText(fingerprint)}`,
        'Read these words to your admin when they ask, so they know the code is yours.',
      ].join('\n'),
    );
  },
};

export const identityUnpublish: CommandSpec = {
  words: ['identity', 'unpublish'],
  summary: 'Stop sharing your receiving code: remove it from your own IAM user.',
  usage: '(--profile NAME | --aws-profile NAME)',
  options: {},
  signsIn: true,
  run: async (context, args) => {
    const core = await context.signIn(args);
    await core.directory.unpublish();
    const userName = core.session.whoami()?.userName ?? '';
    context.print(
      { userName, shared: false },
      () =>
        `Your receiving code is no longer shared on your IAM user ${userName}. Your admin will have to ask you for it.`,
    );
  },
};
