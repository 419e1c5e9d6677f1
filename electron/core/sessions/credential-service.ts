import path from 'node:path';
import type { CredentialUse } from '../../common/credential-use';
import { longTermUse, mfaCodePattern, mfaSerialPattern } from '../../common/credential-use';
import type { AwsPlace } from '../aws/aws-clients';
import { AppError } from '../errors';
import { inTurn, withProcessLock } from '../files/process-lock';
import type { ProfileStore, StoredKey } from '../vault/profile-store';
import type { MfaDeviceLookup } from './find-mfa-device';
import { getSessionToken, MfaCodeRefused } from './get-session-token';
import type { MfaPrompt } from './mfa-prompt';
import { NobodyToAsk } from './mfa-prompt';
import type { SessionCache } from './session-cache';
import type { CachedSession } from './session-entry';
import { stillFresh } from './session-entry';

/** What a tool is given: a session (with its token and end) or the long-term key. */
export interface ServedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
  /** ISO 8601; null for the long-term key, which does not end by itself. */
  expiration: string | null;
}

export interface UseRequest {
  mode: CredentialUse['mode'];
  durationSeconds: number;
  /** A device to ask codes from; null for none; absent to look the key's own device up. */
  mfaSerial?: string | null;
}

export interface UseChoice {
  use: CredentialUse;
  /** How the device was chosen: named by the person, or what looking it up found. */
  lookup: MfaDeviceLookup['found'] | 'named';
}

/** `as-set-up` follows the key's own setting (credential_process); `exec` chooses. */
export type ServeMode = 'as-set-up' | CredentialUse['mode'];

export interface CredentialServiceDeps {
  profiles: ProfileStore;
  sessions: SessionCache;
  place: () => Promise<AwsPlace>;
  /** Where the per-profile locks live, so two AWS commands at once make (and ask for) one session. */
  dataDir: string | null;
  now?: () => Date;
}

/** Wrong codes a person may type in a row before Keyward stops asking. */
const attemptsPerSession = 3;

/** Asking for a code can take a person a while; a second command waits for them. */
const sessionLockPatienceMs = 3 * 60_000;

/**
 * Hands a stored key to the AWS CLI, SDKs and `keyward exec`: by default as STS sessions cached
 * in the keychain and reused until five minutes before they end, asking for an MFA code when the
 * key names a device; or, for tools that must manage IAM without MFA, as the long-term key.
 */
export class CredentialService {
  readonly #deps: CredentialServiceDeps;
  readonly #now: () => Date;

  constructor(deps: CredentialServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  async serve(
    profile: string,
    options: { mode: ServeMode; prompt: MfaPrompt | null },
  ): Promise<ServedCredentials> {
    if (options.mode !== 'long-term') {
      const cached = await this.#fresh(profile);
      if (cached) return served(cached);
    }
    const key = await this.#deps.profiles.require(profile);
    const use = key.use ?? longTermUse;
    const mode = options.mode === 'as-set-up' ? use.mode : options.mode;
    if (mode === 'long-term') {
      return {
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
        sessionToken: null,
        expiration: null,
      };
    }
    const prompt = { prompt: options.prompt };
    if (use.mode !== 'session') {
      // `exec` asked a session of a key set up for the long-term key: it is made for this once
      // and not kept, since credential_process hands out what is kept, and for this key that
      // must stay the key itself.
      return served(await this.#newSession(profile, key, use, prompt, { keep: false }));
    }
    return served(
      await this.#exclusively(profile, async () => {
        // Another command may have made one while this one waited for the lock.
        const made = await this.#fresh(profile);
        return made ?? (await this.#newSession(profile, key, use, prompt, { keep: true }));
      }),
    );
  }

  /**
   * Starts a session now and keeps it (`keyward session start`), replacing any cached one: for
   * when no window or terminal will be there to ask for the MFA code later.
   */
  async start(
    profile: string,
    options: { code: string | null; prompt: MfaPrompt | null },
  ): Promise<CachedSession> {
    const key = await this.#deps.profiles.require(profile);
    const use = key.use ?? longTermUse;
    if (use.mode !== 'session') {
      throw new AppError(
        'conflict',
        `"${profile}" is set up to give the AWS CLI its long-term key, so a session would not be used.`,
        `To use sessions, run: keyward cli setup --profile ${profile} --mode session`,
      );
    }
    return this.#exclusively(profile, () =>
      this.#newSession(profile, key, use, options, { keep: true }),
    );
  }

  /** Forgets the sessions of one profile, or of all; the profiles that had one. */
  async clear(profile?: string): Promise<string[]> {
    if (profile === undefined) return this.#deps.sessions.clearAll();
    return (await this.#deps.sessions.clear(profile)) ? [profile] : [];
  }

  /**
   * Decides and keeps how a key is handed out (`cli setup`, the window's set-up dialog). Session
   * mode without a named device looks the key's own MFA device up, when the key may.
   */
  async setUp(profile: string, request: UseRequest): Promise<UseChoice> {
    const key = await this.#deps.profiles.require(profile);
    let mfaSerial = request.mfaSerial ?? null;
    let lookup: MfaDeviceLookup['found'] | 'named' = 'named';
    if (mfaSerial !== null && !mfaSerialPattern.test(mfaSerial)) {
      throw new AppError(
        'invalid-input',
        'That is not an MFA device’s ARN.',
        'Copy it from the AWS console (IAM → your user → Security credentials → Multi-factor authentication), e.g. arn:aws:iam::123456789012:mfa/alice.',
      );
    }
    if (request.mode === 'session' && request.mfaSerial === undefined) {
      // Loaded here only: the IAM client has no place on the credential_process path.
      const { findMfaDevice } = await import('./find-mfa-device');
      const found = await findMfaDevice(key, await this.#deps.place());
      lookup = found.found;
      if (found.found === 'one') mfaSerial = found.serialNumber;
      if (found.found === 'several') {
        throw new AppError(
          'invalid-input',
          `The user of "${profile}" has ${String(found.serialNumbers.length)} MFA devices, so Keyward cannot tell which one to ask a code from.`,
          `Choose one: ${found.serialNumbers.join(', ')}.`,
        );
      }
    }
    const use: CredentialUse = {
      mode: request.mode,
      durationSeconds: request.durationSeconds,
      mfaSerial: request.mode === 'session' ? mfaSerial : null,
    };
    await this.setUse(profile, use);
    return { use, lookup };
  }

  /** How the key is handed out from now on; its cached session goes, made under the old rules. */
  async setUse(profile: string, use: CredentialUse): Promise<void> {
    await this.#deps.profiles.exclusively(async () => {
      const key = await this.#deps.profiles.require(profile);
      await this.#deps.profiles.put(profile, { ...key, use });
    });
    await this.#deps.sessions.clear(profile);
  }

  async #fresh(profile: string): Promise<CachedSession | null> {
    const cached = await this.#deps.sessions.get(profile);
    return cached && stillFresh(cached, this.#now()) ? cached : null;
  }

  #exclusively<T>(profile: string, work: () => Promise<T>): Promise<T> {
    const { dataDir } = this.#deps;
    if (dataDir === null) return inTurn(`session ${profile}`, work);
    return withProcessLock(path.join(dataDir, 'locks', `session-${profile}.lock`), work, {
      patienceMs: sessionLockPatienceMs,
      busy: () =>
        new AppError(
          'conflict',
          `Another command has been starting a session for "${profile}" for a while, so this one stopped waiting.`,
          'Finish or cancel the other command (it may be asking for an MFA code), then try again.',
        ),
    });
  }

  async #newSession(
    profile: string,
    key: StoredKey,
    use: CredentialUse,
    options: { code?: string | null; prompt: MfaPrompt | null },
    { keep }: { keep: boolean },
  ): Promise<CachedSession> {
    const place = await this.#deps.place();
    const request = { durationSeconds: use.durationSeconds };
    const session =
      use.mfaSerial === null
        ? await getSessionToken(key, { ...request, mfa: null }, place)
        : await this.#withCode(profile, key, use.mfaSerial, options, (code) =>
            getSessionToken(
              key,
              { ...request, mfa: { serialNumber: use.mfaSerial ?? '', code } },
              place,
            ),
          );
    if (keep) await this.#deps.sessions.put(profile, session);
    return session;
  }

  /** Gets a code (given, or asked for) and tries it; a code AWS did not take is asked for again. */
  async #withCode(
    profile: string,
    key: StoredKey,
    serialNumber: string,
    options: { code?: string | null; prompt: MfaPrompt | null },
    attempt: (code: string) => Promise<CachedSession>,
  ): Promise<CachedSession> {
    const { prompt } = options;
    let given = options.code ?? null;
    let problem: string | null = null;
    for (let tries = 0; tries < attemptsPerSession; tries++) {
      let code = given;
      given = null;
      if (code === null) {
        if (prompt === null) throw noWayToAsk(profile);
        code = await prompt
          .ask({ profile, accountId: key.accountId, serialNumber, problem })
          .catch((error: unknown) => {
            throw error instanceof NobodyToAsk ? noWayToAsk(profile) : error;
          });
        if (code === null) throw cancelled(profile);
      }
      code = code.trim();
      const canAskAgain = prompt !== null;
      if (!mfaCodePattern.test(code)) {
        problem = 'An MFA code is the six digits your authenticator app shows.';
        if (canAskAgain) continue;
        throw new AppError(
          'invalid-input',
          'That is not an MFA code.',
          `${problem} Try again with those.`,
        );
      }
      try {
        return await attempt(code);
      } catch (error) {
        if (!(error instanceof MfaCodeRefused)) throw error;
        if (error.reason === 'wrong-device') throw wrongDevice(profile, serialNumber, error);
        problem =
          'AWS did not accept that code. Type the code your authenticator app shows now (it changes every 30 seconds).';
        if (!canAskAgain)
          throw new AppError(
            'bad-credentials',
            'AWS did not accept that MFA code.',
            'Run the command again with the code your authenticator app shows now (it changes every 30 seconds).',
            { cause: error },
          );
      }
    }
    throw new AppError(
      'bad-credentials',
      `AWS did not accept the MFA codes given for "${profile}", so no session was started.`,
      'Check that your authenticator app shows the device for this AWS account and that this computer’s clock is right, then try again.',
    );
  }
}

/** A session as a tool is given it: without the key it was made from. */
function served(session: CachedSession): ServedCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = session;
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

function noWayToAsk(profile: string): AppError {
  return new AppError(
    'mfa-required',
    `A new session for "${profile}" needs a code from your MFA device, and there is no window or terminal here to ask for it.`,
    `Start a session first: keyward session start --profile ${profile} --mfa-code CODE`,
  );
}

function cancelled(profile: string): AppError {
  return new AppError(
    'mfa-required',
    `No MFA code was given, so no session was started for "${profile}".`,
    'Run the command again and type the code your authenticator app shows.',
  );
}

function wrongDevice(profile: string, serialNumber: string, cause: unknown): AppError {
  return new AppError(
    'bad-credentials',
    `AWS could not check the code against the MFA device set for "${profile}" (${serialNumber}).`,
    `Set your own device with "keyward cli setup --profile ${profile} --mfa-serial ARN", or ask your AWS administrator which device is yours.`,
    { cause },
  );
}
