import type { ErrorCode } from '../../common/errors';
import { missingCase } from '../../common/errors';
import { AppError } from '../errors';

/**
 * Why a hand-off could not be sealed or opened. Each has its own plain-language explanation and
 * next step; tests and the UI tell them apart by `reason`, never by message text.
 */
export type HandoffProblem =
  | 'too-large'
  | 'empty'
  | 'not-age-file'
  | 'malformed'
  | 'tampered'
  | 'passphrase-required'
  | 'wrong-passphrase'
  | 'sealed-to-another-device'
  | 'work-factor-too-high'
  | 'invalid-contents'
  | 'invalid-key'
  | 'weak-passphrase'
  | 'invalid-recipient'
  | 'identity-unreadable'
  | 'worker-failed';

/**
 * A refused hand-off. Every refusal happens before anything is stored or written, so the message
 * can promise that nothing changed.
 */
export class HandoffError extends AppError {
  readonly reason: HandoffProblem;

  constructor(
    reason: HandoffProblem,
    detail?: { message?: string; hint?: string },
    options?: { cause?: unknown },
  ) {
    const standard = explainHandoffProblem(reason);
    super(
      bridgeCodeFor(reason),
      detail?.message ?? standard.message,
      detail?.hint ?? standard.hint,
      options,
    );
    this.name = 'HandoffError';
    this.reason = reason;
  }
}

/** The bridge code the UI switches on; several reasons share one when the next step is the same. */
function bridgeCodeFor(reason: HandoffProblem): ErrorCode {
  switch (reason) {
    case 'too-large':
      return 'handoff-too-large';
    case 'empty':
    case 'not-age-file':
    case 'malformed':
    case 'invalid-contents':
      return 'handoff-invalid';
    case 'tampered':
      return 'handoff-tampered';
    case 'passphrase-required':
      return 'handoff-passphrase-required';
    case 'wrong-passphrase':
    case 'sealed-to-another-device':
      return 'handoff-wrong-key';
    case 'work-factor-too-high':
      return 'handoff-unsupported';
    case 'invalid-key':
      return 'invalid-input';
    case 'weak-passphrase':
      return 'weak-passphrase';
    case 'invalid-recipient':
      return 'invalid-recipient';
    case 'identity-unreadable':
      return 'vault-unavailable';
    case 'worker-failed':
      return 'internal';
    default:
      return missingCase(reason);
  }
}

export function explainHandoffProblem(reason: HandoffProblem): { message: string; hint: string } {
  switch (reason) {
    case 'too-large':
      return {
        message: 'This file is too large to be a Keyward key file.',
        hint: 'Key files are smaller than 64 KiB. Check that you chose the file the sender sent you.',
      };
    case 'empty':
      return {
        message: 'This key file is empty.',
        hint: 'It may not have finished downloading. Ask the sender to send it again.',
      };
    case 'not-age-file':
      return {
        message: 'This is not a Keyward key file.',
        hint: 'Choose a .keyward file saved by Keyward, or a file encrypted with the age tool.',
      };
    case 'malformed':
      return {
        message: 'This key file is damaged and cannot be read.',
        hint: 'It may have been cut short or altered while being copied. Ask the sender to send the whole file again.',
      };
    case 'tampered':
      return {
        message:
          'This key file failed its integrity check: it was changed or cut short after it was sealed.',
        hint: 'Nothing was imported. Ask the sender for a fresh copy, and tell them if you did not expect this.',
      };
    case 'passphrase-required':
      return {
        message: 'This key file is locked with a passphrase.',
        hint: 'Enter the passphrase the sender gave you.',
      };
    case 'wrong-passphrase':
      return {
        message: 'That passphrase does not open this key file.',
        hint: 'Check it for typos (it is case-sensitive) and try again, or ask the sender to read it to you again.',
      };
    case 'sealed-to-another-device':
      return {
        message: 'This key file was sealed for another computer, not this one.',
        hint: 'Send the sender your receiving code (shown in Keyward) and ask them to seal the key to it again.',
      };
    case 'work-factor-too-high':
      return {
        message: 'This file’s passphrase protection is set higher than Keyward can open.',
        hint: 'Ask the sender to lock it again with Keyward, or with the age tool’s default settings.',
      };
    case 'invalid-contents':
      return {
        message: 'This file opened, but what is inside is not a valid key.',
        hint: 'Nothing was imported. Ask the sender to save it again from Keyward or the IAM console.',
      };
    case 'invalid-key':
      return {
        message: 'This key cannot be written to a key file.',
        hint: 'Check the key’s details and try again.',
      };
    case 'weak-passphrase':
      return {
        message: 'This passphrase is too easy to guess.',
        hint: 'Use six or more unrelated words, or let Keyward generate a passphrase.',
      };
    case 'invalid-recipient':
      return {
        message: 'That is not a valid receiving code.',
        hint: 'Receiving codes start with "age1" and are 62 characters long. Ask your colleague to copy theirs from Keyward again.',
      };
    case 'identity-unreadable':
      return {
        message: 'This device’s hand-off identity in the keychain is damaged.',
        hint: 'Keyward has left it untouched. Report the problem; do not delete the "handoff-identity" keychain entry unless you no longer need files sealed to this device.',
      };
    case 'worker-failed':
      return {
        message: 'Keyward could not run the passphrase encryption.',
        hint: 'Try again. If it keeps happening, restart Keyward and report the problem.',
      };
    default:
      return missingCase(reason);
  }
}
