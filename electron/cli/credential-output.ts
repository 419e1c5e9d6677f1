// `keyward credential-process --profile NAME`, the hot path: the AWS CLI and SDKs run it for
// every command. It loads keytar and nothing else of weight (no AWS SDK, no zod), reads one
// keychain entry and prints the AWS credential_process JSON. Nothing secret ever goes to stderr.
import { AppError } from '../core/errors';
import { setLogSink } from '../core/log';
import { KeytarStore } from '../core/vault/keytar-store';
import { errorLine, exitCodeFor, exitCodes } from './exit-codes';
import { keychainServiceFrom } from './keychain-service';
import { jsonObject } from '../common/json-object';
import { accessKeyIdPattern, secretAccessKeyPattern } from '../common/key-shapes';
import type { MfaPrompt } from '../core/sessions/mfa-prompt';
import type { Platform } from '../core/platform';
import {
  parseSessionEntry,
  sessionAccount,
  sessionOutput,
  stillFresh,
} from '../core/sessions/session-entry';

export interface CredentialIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The packaged app's MFA window; absent, the terminal is asked (see mfa-prompts.ts). */
  mfaPrompt?: MfaPrompt;
  /** The packaged Mac app's Touch ID, asked before the long-term key is printed. */
  confirmPresence?: Platform['confirmPresence'];
}

// Kept equal to profileNamePattern and the account prefix in core/vault/profile-store.ts, which
// this path must not import (it pulls in zod); a test checks they agree.
export const fastProfileName = /^[A-Za-z0-9._-]{1,64}$/;
export const profileAccountPrefix = 'profile:';

const usage = 'Usage: keyward credential-process --profile NAME';

/** Runs the command; `args` are what follows `credential-process`. Returns the exit code. */
export async function credentialProcess(
  args: readonly string[],
  io: CredentialIo,
): Promise<number> {
  // The AWS CLI shows this program's stderr to people: only the one-line reason belongs there.
  setLogSink(() => undefined);
  const profile = profileArgument(args);
  if (profile === null) {
    io.stderr.write(errorLine('credential-process needs exactly one --profile NAME.', usage));
    return exitCodes.usage;
  }
  if (!fastProfileName.test(profile)) {
    io.stderr.write(
      errorLine(
        'That is not a Keyward profile name.',
        'Use the name shown by "keyward profiles list".',
      ),
    );
    return exitCodes.usage;
  }
  try {
    const store = new KeytarStore({
      os: process.platform,
      service: keychainServiceFrom(io.env),
      timeoutMs: 10_000,
    });
    // A session still good for five minutes is the common case: one keychain read.
    const cached = await store.get(sessionAccount(profile));
    const session = cached === null ? null : parseSessionEntry(cached);
    if (session && stillFresh(session, new Date())) {
      io.stdout.write(sessionOutput(session));
      return exitCodes.ok;
    }
    const document = await store.get(profileAccountPrefix + profile);
    if (document === null) return await explainMissing(store, profile, io);
    const key = parseEntry(document);
    if (!key) {
      io.stderr.write(
        errorLine(
          `The keychain entry for "${profile}" is damaged.`,
          'Remove this profile from Keyward and store the key again.',
        ),
      );
      return exitCodes.failed;
    }
    if (key.mode === 'session') {
      // Loaded only now: making a session needs the STS client, settings and maybe a prompt.
      const { serveNewSession } = await import('./serve-session');
      io.stdout.write(sessionOutput(await serveNewSession(store, profile, io)));
      return exitCodes.ok;
    }
    if (io.confirmPresence) {
      // Loaded only where Touch ID can be asked: it reads the settings (is it turned off?).
      const { confirmLongTermHandOut } = await import('./long-term-presence');
      await confirmLongTermHandOut(profile, { env: io.env, confirmPresence: io.confirmPresence });
    }
    io.stdout.write(
      `${JSON.stringify({ Version: 1, AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey })}\n`,
    );
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof AppError) {
      io.stderr.write(errorLine(error.message, error.hint));
      return exitCodeFor(error.code);
    }
    io.stderr.write(
      errorLine(
        'Keyward could not read the key.',
        'Try again; if it keeps failing, run "keyward profiles list".',
      ),
    );
    return exitCodes.failed;
  }
}

function profileArgument(args: readonly string[]): string | null {
  if (args.length === 1 && args[0]?.startsWith('--profile=')) {
    return args[0].slice('--profile='.length);
  }
  if (args.length === 2 && args[0] === '--profile' && args[1] !== undefined) return args[1];
  return null;
}

/**
 * A locked Secret Service collection answers a read with "nothing here", so before saying the
 * profile does not exist, a write probe tells a locked or refusing keychain apart.
 */
async function explainMissing(store: KeytarStore, profile: string, io: CredentialIo) {
  // Loaded only here: the answer that succeeds never pays for it.
  const { checkVault } = await import('../core/vault/vault-status');
  const status = await checkVault(store, process.platform);
  if (status.state === 'unavailable') {
    io.stderr.write(errorLine(status.message, status.hint));
    return exitCodes.keychain;
  }
  io.stderr.write(
    errorLine(
      `There is no key called "${profile}" in Keyward on this computer.`,
      'Check the name with "keyward profiles list", or store the key again.',
    ),
  );
  return exitCodes.notFound;
}

/**
 * Validated by hand: the JSON document ProfileStore writes, reduced to what AWS needs. Keys kept
 * before sessions existed have no `use`: they hand out the long-term key, as they always did.
 */
function parseEntry(
  document: string,
): { accessKeyId: string; secretAccessKey: string; mode: 'session' | 'long-term' } | null {
  const entry = jsonObject(document);
  if (entry === null) return null;
  const { accessKeyId, secretAccessKey, use } = entry;
  if (typeof accessKeyId !== 'string' || !accessKeyIdPattern.test(accessKeyId)) return null;
  if (typeof secretAccessKey !== 'string' || !secretAccessKeyPattern.test(secretAccessKey))
    return null;
  const mode =
    typeof use === 'object' && use !== null && (use as { mode?: unknown }).mode === 'session'
      ? 'session'
      : 'long-term';
  return { accessKeyId, secretAccessKey, mode };
}
