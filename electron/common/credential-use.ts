/**
 * How a stored key is handed to the AWS CLI and SDKs: as one-hour (by default) STS sessions, or
 * as the long-term key itself. Shared by the window, which offers the choice, and core.
 */
export type CredentialMode = 'session' | 'long-term';

export interface CredentialUse {
  mode: CredentialMode;
  /** How long each session lasts, in seconds (session mode). */
  durationSeconds: number;
  /** The MFA device whose code each new session needs; null when sessions need no code. */
  mfaSerial: string | null;
}

export const defaultSessionSeconds = 3_600;
/** GetSessionToken allows 15 minutes to 36 hours; Keyward offers up to a working day. */
export const minSessionSeconds = 900;
export const maxSessionSeconds = 43_200;

/** Keys set up before sessions existed keep handing out the long-term key, as they always did. */
export const longTermUse: CredentialUse = {
  mode: 'long-term',
  durationSeconds: defaultSessionSeconds,
  mfaSerial: null,
};

/** A virtual or hardware MFA device's ARN, as IAM's ListMFADevices gives it. */
export const mfaSerialPattern = /^arn:aws[a-z-]*:iam::\d{12}:(mfa|u2f)\/[\w+=,.@/-]{1,512}$/;

/** The six digits an authenticator app shows. */
export const mfaCodePattern = /^\d{6}$/;

/**
 * "15m", "1h", "90m", "12h" or plain seconds; null when it is not a duration in Keyward's range.
 * The range is said by `durationProblem`.
 */
export function parseSessionDuration(text: string): number | null {
  const match = /^\s*(\d{1,6})\s*(s|m|h)?\s*$/i.exec(text);
  if (!match) return null;
  const unit = (match[2] ?? 's').toLowerCase();
  const seconds = Number(match[1]) * (unit === 'h' ? 3_600 : unit === 'm' ? 60 : 1);
  return seconds >= minSessionSeconds && seconds <= maxSessionSeconds ? seconds : null;
}

export const durationProblem =
  'Give a length between 15 minutes and 12 hours, such as 15m, 1h or 12h.';

/** "1 hour", "90 minutes", for people. */
export function describeDuration(seconds: number): string {
  if (seconds % 3_600 === 0) {
    const hours = seconds / 3_600;
    return `${String(hours)} hour${hours === 1 ? '' : 's'}`;
  }
  const minutes = Math.round(seconds / 60);
  return `${String(minutes)} minutes`;
}

/** "1-hour sessions, MFA" or "long-term key": how a set-up key is handed out, in a few words. */
export function useInBrief(use: CredentialUse): string {
  if (use.mode === 'long-term') return 'long-term key';
  const length = describeDuration(use.durationSeconds).replace(/^(\d+) (\w+?)s?$/, '$1-$2');
  return `${length} sessions${use.mfaSerial === null ? '' : ', MFA'}`;
}

/** What the AWS CLI and SDKs are given, in a sentence (the window's and the command line's). */
export function useSentence(use: CredentialUse): string {
  if (use.mode === 'long-term') return 'The long-term key itself, which never expires by itself.';
  const device =
    use.mfaSerial === null ? '' : ` Each new one asks for a code from ${use.mfaSerial}.`;
  return `Sessions of ${describeDuration(use.durationSeconds)}, which end by themselves; the key itself stays in the keychain.${device}`;
}
