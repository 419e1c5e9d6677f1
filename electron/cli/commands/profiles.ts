import path from 'node:path';
import { AppError } from '../../core/errors';
import { useInBrief } from '../../common/credential-use';
import type { HandoffLockRequest, RotationStatus, StoredProfile } from '../../common/domain';
import { askFirst, yesOption } from '../ask-first';
import type { CommandContext, CommandSpec, OptionSpec, ParsedArgs } from '../command-spec';
import { UsageError, flagArg, requiredArg, stringArg } from '../command-spec';
import { day, table } from '../format';
import { awsFilesFor } from './aws-cli';

export const profilesList: CommandSpec = {
  words: ['profiles', 'list'],
  summary:
    'List the keys kept in this computer’s keychain, with AWS CLI set-up and rotation state.',
  usage: '',
  options: {},
  run: async (context) => {
    const core = await context.core();
    const { cliProfileState } = await import('../../core/aws-config');
    const files = awsFilesFor(context.io.env);
    const { kept, damaged } = await core.deviceKeys.inventory();
    const profiles = await Promise.all(
      kept.map(async (profile) => ({
        ...profile,
        awsCli: (await cliProfileState(profile.name, { files })) === 'keyward',
        rotation: await core.rotation.status(profile.name),
        damaged: null,
      })),
    );
    if (profiles.length === 0 && damaged.length === 0) {
      // A locked keychain lists nothing: say so rather than "no keys".
      const { checkVault } = await import('../../core/vault/vault-status');
      const status = await checkVault(await context.secretStore(), context.platform.os);
      if (status.state === 'unavailable') {
        throw new AppError('vault-unavailable', status.message, status.hint);
      }
    }
    // A damaged entry is listed (never its contents) so it can be removed, not hidden.
    const damagedLines = damaged.map(
      ({ name, problem }) =>
        `DAMAGED  ${name}: ${problem}. Remove it: keyward profiles remove --profile ${name} --yes`,
    );
    const json = [...profiles, ...damaged.map(({ name, problem }) => ({ name, damaged: problem }))];
    context.print(json, () =>
      [
        profiles.length === 0 ? 'No keys are kept on this computer yet.' : keptTable(profiles),
        ...damagedLines,
      ].join('\n'),
    );
  },
};

function keptTable(
  profiles: (StoredProfile & { awsCli: boolean; rotation: RotationStatus })[],
): string {
  return table(
    ['PROFILE', 'KEY ID', 'USER', 'ACCOUNT', 'CREATED', 'AWS CLI', 'ROTATION'],
    profiles.map((profile) => [
      profile.name,
      profile.accessKeyId,
      profile.userName,
      profile.accountId,
      day(profile.created),
      profile.awsCli ? useInBrief(profile.use) : 'no',
      profile.rotation.state === 'unfinished'
        ? `unfinished (after ${profile.rotation.step}): --resume or --rollback`
        : profile.rotation.state === 'retired'
          ? `old key ${profile.rotation.accessKeyId} kept until ${day(profile.rotation.deleteAfter)}`
          : '-',
    ]),
  );
}

export const profilesRemove = profileCommand({
  words: ['profiles', 'remove'],
  summary:
    'Remove a key from this computer’s keychain (and its AWS CLI set-up). The key stays in AWS.',
  profile: 'The profile name',
  options: { yes: yesOption },
  run: async (context, name, args) => {
    const core = await context.core();
    const entry = await core.deviceKeys.removable(name);
    if (entry.kind === 'kept') {
      await askFirst(
        context,
        args,
        `Remove the key ${entry.key.accessKeyId} (${entry.key.userName}) from this computer? Its secret cannot be shown again.`,
        `Removing "${name}" deletes the only copy of its secret on this computer.`,
      );
    } else {
      await askFirst(
        context,
        args,
        `Remove the damaged keychain entry "${name}" (${entry.problem})? Keyward cannot use it; the key in AWS is not changed.`,
        `Removing the damaged keychain entry "${name}" deletes it from this computer.`,
      );
    }
    // The same removal as the window's: refused during an unfinished rotation, and the AWS CLI
    // set-up and a retired key's record go with the key.
    const { awsCli } = await core.deviceKeys.remove(name, {
      files: awsFilesFor(context.io.env),
    });
    const fromConfig = awsCli?.removed ? ` and from ${awsCli.configFile}` : '';
    context.print(
      {
        profile: name,
        removed: true,
        awsCliRemoved: awsCli?.removed ?? false,
        damaged: entry.kind === 'damaged',
      },
      () =>
        entry.kind === 'kept'
          ? `Removed "${name}" from this computer${fromConfig}. The key still exists in AWS.`
          : `Removed the damaged keychain entry "${name}" from this computer${fromConfig}. Keep the key again if you still need it.`,
    );
  },
});

export const profilesImport = profileCommand({
  words: ['profiles', 'import'],
  summary:
    'Move a plaintext key from ~/.aws/credentials into the keychain and point the profile at Keyward.',
  profile: 'The AWS profile holding the plaintext key',
  options: {
    region: { type: 'string', value: 'REGION', help: 'Region to set, if the profile has none' },
    yes: yesOption,
  },
  run: async (context, name, args) => {
    const core = await context.core();
    const { findPlaintextKey } = await import('../../core/aws-config');
    const files = awsFilesFor(context.io.env);
    const found = await findPlaintextKey(name, { files });
    if (!found) {
      throw new AppError(
        'not-found',
        `The AWS profile "${name}" has no plaintext key to import.`,
        'Check the name: aws configure list-profiles',
      );
    }
    await askFirst(
      context,
      args,
      `Move the key ${found.accessKeyId} of profile "${name}" from ${found.file} into the keychain, and remove it from that file?`,
      `Importing moves the key ${found.accessKeyId} out of ${found.file} and into the keychain.`,
      'Run again with --yes to go ahead.',
    );
    const result = await core.deviceKeys.importPlaintext(name, {
      keywardCommand: await context.keywardCommand(),
      region: stringArg(args, 'region') ?? null,
      files,
    });
    context.print(result, () =>
      [
        `Moved ${result.profile.accessKeyId} (${result.arn}) into the keychain as "${name}".`,
        `The AWS CLI now gets it from Keyward; the plaintext lines are gone from ${result.removedFrom}.`,
        ...(result.backups.length > 0
          ? [`Backups (without the secret): ${result.backups.join(', ')}`]
          : []),
      ].join('\n'),
    );
  },
});

export const profilesExport = profileCommand({
  words: ['profiles', 'export'],
  summary:
    'Seal a kept key in a key file for your other computer: to its receiving code, or with a passphrase. The key stays kept here.',
  profile: 'The profile to send',
  options: {
    'seal-to': {
      type: 'string',
      value: 'CODE',
      help: 'Seal the key file to your other computer’s receiving code (age1…, on its Receive screen)',
    },
    passphrase: {
      type: 'boolean',
      help: 'Lock the key file with a generated passphrase, printed once',
    },
    'passphrase-stdin': {
      type: 'boolean',
      help: 'Lock the key file with a passphrase read from the first line of stdin',
    },
    out: { type: 'string', value: 'FILE', help: 'Where to write the key file (required)' },
  },
  run: async (context, name, args) => {
    const lock = await exportLock(context, args);
    const out = stringArg(args, 'out');
    if (out === undefined || out === '') {
      throw new UsageError('--out FILE is required: it is where the key file is written.');
    }
    const file = path.resolve(out);
    const { refuseExisting } = await import('./keys-create');
    await refuseExisting(file);
    const core = await context.core();
    const key = await core.deviceKeys.require(name);
    const { confirmPresence } = await import('../../core/vault/user-presence');
    // The packaged Mac app's Touch ID, as for a long-term key handed to a command.
    const ask = context.io.confirmPresence;
    if (ask) {
      await confirmPresence(
        { presence: { confirmPresence: ask }, settings: core.settings },
        {
          reason: `send your key “${name}” to another computer`,
          refused: () =>
            new AppError(
              'cancelled',
              `"${name}" was not sent: Touch ID was not confirmed.`,
              'Run the command again and confirm with Touch ID, or turn off "Ask for Touch ID" in Keyward’s Settings.',
            ),
        },
      );
    }
    context.platform.answerNextSave(file);
    const saved = await core.deviceKeys.sendToOtherComputer(name, lock);
    if (!saved) throw new AppError('internal', 'The key file was not saved.', 'Try again.');
    context.print(
      {
        profile: name,
        accessKeyId: key.accessKeyId,
        file: saved.path,
        ...(saved.passphrase ? { passphrase: saved.passphrase } : {}),
      },
      () =>
        lock.kind === 'recipients'
          ? `Sealed "${name}" (${key.accessKeyId}) to the receiving code in ${saved.path}. Open it with Keyward on your other computer.`
          : saved.passphrase
            ? `Saved "${name}" (${key.accessKeyId}) in ${saved.path}, locked with this passphrase (shown once; keep it apart from the file):\n${saved.passphrase}`
            : `Saved "${name}" (${key.accessKeyId}) in ${saved.path}, locked with your passphrase.`,
    );
  },
});

/** The lock `profiles export` was asked for: exactly one; a weak passphrase refused at once. */
async function exportLock(context: CommandContext, args: ParsedArgs): Promise<HandoffLockRequest> {
  const code = stringArg(args, 'seal-to');
  const chosen = [
    code !== undefined,
    flagArg(args, 'passphrase'),
    flagArg(args, 'passphrase-stdin'),
  ];
  if (chosen.filter(Boolean).length !== 1) {
    throw new UsageError(
      'Choose exactly one of --seal-to, --passphrase or --passphrase-stdin: how the key file is locked.',
    );
  }
  const handoff = await import('../../core/handoff');
  if (code !== undefined) return { kind: 'recipients', codes: handoff.parseReceivingCodes([code]) };
  if (!flagArg(args, 'passphrase-stdin')) return { kind: 'passphrase', passphrase: null };
  const passphrase = await context.readStdinLine();
  handoff.assertStrongPassphrase(passphrase);
  return { kind: 'passphrase', passphrase };
}

/**
 * A command about one key kept on this computer: `--profile NAME`, required and read first, then
 * the command's own options, each optional (so help shows them in brackets).
 */
export function profileCommand(spec: {
  words: string[];
  summary: string;
  /** What --profile names, for help. */
  profile: string;
  options?: Record<string, OptionSpec>;
  run(context: CommandContext, name: string, args: ParsedArgs): Promise<void>;
}): CommandSpec {
  const options = spec.options ?? {};
  const optional = Object.entries(options).map(
    ([option, { value }]) => `[--${option}${value ? ` ${value}` : ''}]`,
  );
  return {
    words: spec.words,
    summary: spec.summary,
    usage: ['--profile NAME', ...optional].join(' '),
    options: { profile: { type: 'string', value: 'NAME', help: spec.profile }, ...options },
    run: (context, args) => spec.run(context, requiredArg(args, 'profile'), args),
  };
}
