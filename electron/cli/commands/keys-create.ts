import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { HandoffLockRequest } from '../../common/domain';
import { AppError } from '../../core/errors';
import type { Core } from '../../core/compose';
import type { CommandContext, CommandSpec, ParsedArgs } from '../command-spec';
import { UsageError, flagArg, listArg, requiredArg, stringArg } from '../command-spec';
import { userOption } from './keys';
import { keysBatch, keysBatchOptions } from './keys-batch';
import { publishedCodeOf, rememberPublishedCode } from './identity-seal-to-published';

export const keysCreate: CommandSpec = {
  words: ['keys', 'create'],
  summary:
    'Create a key and keep its secret safe: sealed to colleagues, in a passphrase-locked file, or in this keychain.',
  usage:
    '--user USER [--description TEXT] (--seal-to CODE... | --seal-to-published [--yes] | --passphrase | --passphrase-stdin | --store PROFILE) [--out FILE], or --users-file FILE.csv --out-dir DIR',
  options: {
    user: userOption,
    description: {
      type: 'string',
      value: 'TEXT',
      help: 'What the key is for (shown in the IAM console)',
    },
    'seal-to': {
      type: 'string',
      multiple: true,
      value: 'CODE',
      help: 'Seal the key file to this receiving code (age1…); repeat for several',
    },
    'seal-to-published': {
      type: 'boolean',
      help: 'Seal the key file to the receiving code the person shared in AWS, showing its check words',
    },
    yes: {
      type: 'boolean',
      help: 'With --seal-to-published: seal even though the person’s code changed since you last used it',
    },
    passphrase: {
      type: 'boolean',
      help: 'Lock the key file with a generated passphrase, printed once',
    },
    'passphrase-stdin': {
      type: 'boolean',
      help: 'Lock the key file with a passphrase read from the first line of stdin',
    },
    store: {
      type: 'string',
      value: 'PROFILE',
      help: 'Keep the key in this computer’s keychain as PROFILE',
    },
    out: {
      type: 'string',
      value: 'FILE',
      help: 'Where to write the key file (with --seal-to or a passphrase)',
    },
    ...keysBatchOptions,
  },
  signsIn: true,
  run: async (context, args) => {
    // A list of people: each gets a key file in one folder (keys-batch.ts).
    if (stringArg(args, 'users-file') !== undefined) return keysBatch(context, args);
    const user = requiredArg(args, 'user');
    const description = stringArg(args, 'description') ?? null;
    const planned = await planSecuring(context, args);
    const core = await context.signIn(args);
    // The person's shared code is looked up once signed in, and before the key exists.
    let published: { code: string; checkWords: string[] } | null = null;
    let plan: SecuringPlan;
    if (planned.kind === 'published') {
      published = await publishedCodeOf(context, core, user, args);
      plan = { kind: 'recipients', codes: [published.code], out: planned.out };
    } else {
      plan = planned;
    }
    if (plan.kind === 'store' && (await core.deviceKeys.get(plan.profile))) {
      throw new AppError(
        'conflict',
        `A key called "${plan.profile}" is already stored on this computer.`,
        'Choose another name with --store, or remove the old key first (core profiles remove).',
      );
    }
    const created = await core.newKeys.create(user, description);
    let result: { storedAs?: string; file?: string; passphrase?: string | null };
    try {
      result = await secure(context, core, created.handle, plan);
      await core.newKeys.finish(created.handle, false);
    } catch (error) {
      throw await discardAfterFailure(core, created.handle, created.accessKeyId, user, error);
    }
    if (planned.kind === 'published') await rememberPublishedCode(context, core, user, plan);
    const { passphrase, ...where } = result;
    const key = {
      accessKeyId: created.accessKeyId,
      userName: created.userName,
      accountId: created.accountId,
      created: created.created,
      description: created.description,
    };
    // The published code's check words, for a script to show the admin and compare.
    const words = published ? { checkWords: published.checkWords } : {};
    context.print({ ...key, ...where, ...words, ...(passphrase ? { passphrase } : {}) }, () => {
      const head = `Created ${created.accessKeyId} for ${user}`;
      if (result.storedAs)
        return `${head}; kept in this computer’s keychain as "${result.storedAs}".`;
      if (plan.kind === 'recipients') {
        return `${head}; sealed to ${String(plan.codes.length)} receiving code${plan.codes.length === 1 ? '' : 's'} in ${result.file ?? ''}.`;
      }
      return passphrase
        ? `${head}; saved in ${result.file ?? ''}, locked with this passphrase (shown once; send it separately from the file):\n${passphrase}`
        : `${head}; saved in ${result.file ?? ''}, locked with your passphrase.`;
    });
  },
};

type SecuringPlan =
  | { kind: 'store'; profile: string }
  | { kind: 'recipients'; codes: string[]; out: string }
  | { kind: 'passphrase'; passphrase: string | null; out: string };

/** Everything that can be refused is checked before the key exists, so a refusal costs nothing. */
async function planSecuring(
  context: CommandContext,
  args: ParsedArgs,
): Promise<SecuringPlan | { kind: 'published'; out: string }> {
  const codes = listArg(args, 'seal-to')
    .flatMap((code) => code.split(','))
    .filter(Boolean);
  const store = stringArg(args, 'store');
  const out = stringArg(args, 'out');
  const chosen = [
    codes.length > 0,
    flagArg(args, 'seal-to-published'),
    flagArg(args, 'passphrase'),
    flagArg(args, 'passphrase-stdin'),
    store !== undefined,
  ];
  if (chosen.filter(Boolean).length !== 1) {
    throw new UsageError(
      'Choose exactly one of --seal-to, --seal-to-published, --passphrase, --passphrase-stdin or --store: a new key’s secret is shown only once, so it must be kept somewhere.',
    );
  }
  if (store !== undefined) {
    if (out !== undefined)
      throw new UsageError('--out goes with --seal-to or a passphrase, not with --store.');
    const { checkProfileName } = await import('../../core/vault/profile-store');
    return { kind: 'store', profile: checkProfileName(store) };
  }
  if (out === undefined || out === '')
    throw new UsageError('--out FILE is required to save a key file.');
  const file = path.resolve(out);
  await refuseExisting(file);
  if (flagArg(args, 'seal-to-published')) return { kind: 'published', out: file };
  const handoff = await import('../../core/handoff');
  if (codes.length > 0)
    return { kind: 'recipients', codes: handoff.parseReceivingCodes(codes), out: file };
  if (flagArg(args, 'passphrase-stdin')) {
    const passphrase = await context.readStdinLine();
    handoff.assertStrongPassphrase(passphrase);
    return { kind: 'passphrase', passphrase, out: file };
  }
  return { kind: 'passphrase', passphrase: null, out: file };
}

/** Refuses to overwrite a file, and a folder that does not exist, before anything is made. */
export async function refuseExisting(file: string): Promise<void> {
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new AppError(
      'conflict',
      `${file} already exists.`,
      'Choose another file name with --out.',
    );
  }
  try {
    await access(path.dirname(file));
  } catch {
    throw new AppError(
      'not-found',
      `The folder ${path.dirname(file)} does not exist.`,
      'Create it first, or choose another --out.',
    );
  }
}

async function secure(
  context: CommandContext,
  core: Core,
  handle: string,
  plan: SecuringPlan,
): Promise<{ storedAs?: string; file?: string; passphrase?: string | null }> {
  if (plan.kind === 'store') {
    const stored = await core.newKeys.keep(handle, plan.profile);
    return { storedAs: stored.name };
  }
  const lock: HandoffLockRequest =
    plan.kind === 'recipients'
      ? { kind: 'recipients', codes: plan.codes }
      : { kind: 'passphrase', passphrase: plan.passphrase };
  context.platform.answerNextSave(plan.out);
  const saved = await core.handoff.save(handle, lock);
  if (!saved) throw new AppError('internal', 'The key file was not saved.', 'Try again.');
  return { file: saved.path, passphrase: saved.passphrase };
}

/**
 * This process is about to end, and with it the only copy of a secret nobody kept: the key is
 * deleted again, so no unusable key is left behind.
 */
async function discardAfterFailure(
  core: Core,
  handle: string,
  accessKeyId: string,
  user: string,
  error: unknown,
): Promise<AppError> {
  const cause =
    error instanceof AppError
      ? error
      : new AppError('internal', 'Keyward could not keep the new key’s secret.', 'Try again.', {
          cause: error,
        });
  try {
    await core.newKeys.finish(handle, true);
    return new AppError(
      cause.code,
      `${cause.message} The new key ${accessKeyId} was deleted again, so nothing changed.`,
      cause.hint,
      { cause },
    );
  } catch {
    return new AppError(
      'outcome-unknown',
      `${cause.message} The new key ${accessKeyId} exists, but its secret could not be kept and the key could not be deleted either.`,
      `Delete it: keyward keys delete --user ${user} --key ${accessKeyId} --yes`,
      { cause },
    );
  }
}
