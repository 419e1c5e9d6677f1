import { Encrypter } from 'age-encryption';
import { HandoffError } from './handoff-error';

/** A colleague plus a team escrow code is the common case; ten leaves room without inviting lists. */
export const maxReceivingCodes = 10;

// age1 + 52 bech32 characters of X25519 public key + 6 of checksum.
const receivingCodeShape = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/;

/** Shows enough of a code to find it in a pasted list, without repeating all of it. */
function excerpt(code: string): string {
  return code.length > 16 ? `${code.slice(0, 10)}…${code.slice(-4)}` : code;
}

function refuse(message: string, hint?: string): HandoffError {
  return new HandoffError(
    'invalid-recipient',
    hint === undefined ? { message } : { message, hint },
  );
}

function checkCode(code: string, position: number): void {
  const which = `Receiving code ${position}`;
  if (/^AGE-SECRET-KEY-/i.test(code)) {
    // Never echo it: this is the secret half, pasted by mistake.
    throw refuse(
      `${which} is a secret identity, not a receiving code.`,
      'Do not send or paste secret identities anywhere. Ask your colleague for the receiving code Keyward shows them, which starts with "age1".',
    );
  }
  // Those kinds have their own prefix ("age1pq1…", "age1tag1…"); "1" never occurs in bech32 data,
  // so an X25519 code that happens to begin "age1pq…" is not mistaken for one.
  if (/^age1(?:pq|tag)1/i.test(code)) {
    throw refuse(
      `${which} (${excerpt(code)}) is a kind of age recipient Keyward does not use.`,
      'Ask your colleague for the receiving code Keyward shows them.',
    );
  }
  if (/^(?:ssh-|ecdsa-)/.test(code)) {
    throw refuse(
      `${which} is an SSH key, not a receiving code.`,
      'Ask your colleague for the receiving code Keyward shows them, which starts with "age1".',
    );
  }
  if (!receivingCodeShape.test(code)) {
    throw refuse(
      `${which} (${excerpt(code)}) is not a valid receiving code.`,
      'Receiving codes start with "age1" and are 62 characters long. Ask your colleague to copy theirs again.',
    );
  }
  try {
    // age-encryption checks the bech32 checksum and the key length, as the age tool does.
    new Encrypter().addRecipient(code);
  } catch (error) {
    throw new HandoffError(
      'invalid-recipient',
      {
        message: `${which} (${excerpt(code)}) has a typo: its checksum does not match.`,
        hint: 'Copy the code again rather than typing it.',
      },
      { cause: error },
    );
  }
}

/**
 * Checks the receiving codes a person pasted (one per entry; blank entries and surrounding spaces
 * are ignored) and returns them without duplicates, in the order given.
 */
export function parseReceivingCodes(input: readonly string[]): string[] {
  const codes: string[] = [];
  let position = 0;
  for (const raw of input) {
    const code = raw.trim();
    if (code === '') continue;
    position += 1;
    checkCode(code, position);
    if (!codes.includes(code)) codes.push(code);
  }
  if (codes.length === 0) {
    throw refuse(
      'No receiving code was given.',
      'Paste the receiving code of the colleague who should open the file.',
    );
  }
  if (codes.length > maxReceivingCodes) {
    throw refuse(
      `A hand-off file can be sealed to at most ${maxReceivingCodes} receiving codes.`,
      'Seal separate files for larger groups.',
    );
  }
  return codes;
}
