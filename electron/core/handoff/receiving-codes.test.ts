import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { HandoffError } from './handoff-error';
import { maxReceivingCodes, parseReceivingCodes } from './receiving-codes';

function refusal(input: string[]): HandoffError {
  try {
    parseReceivingCodes(input);
  } catch (error) {
    if (error instanceof HandoffError) return error;
    throw error;
  }
  throw new Error('accepted');
}

let codes: string[] = [];
let secretIdentity = '';
beforeAll(async () => {
  secretIdentity = await generateX25519Identity();
  codes = await Promise.all(
    Array.from({ length: maxReceivingCodes + 1 }, async () =>
      identityToRecipient(await generateX25519Identity()),
    ),
  );
});

function code(i: number): string {
  return codes[i] ?? '';
}

/** The code with one character changed to another valid one: a typo only the checksum catches. */
function typoIn(text: string, at: number): string {
  const replacement = text[at] === 'q' ? 'p' : 'q';
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
}

describe('receiving codes', () => {
  it('accepts pasted codes, ignoring blank lines and spaces, and drops duplicates', () => {
    expect(parseReceivingCodes([`  ${code(0)} `, '', code(1), code(0)])).toEqual([
      code(0),
      code(1),
    ]);
  });

  it('names the malformed code, by position and beginning', () => {
    const typo = typoIn(code(1), 20);
    const error = refusal([code(0), typo]);
    expect(error.reason).toBe('invalid-recipient');
    expect(error.message).toContain('Receiving code 2');
    expect(error.message).toContain(typo.slice(0, 10));
  });

  it('tells a checksum typo apart from something that is not a code at all', () => {
    expect(refusal([typoIn(code(0), 30)]).message).toContain('checksum does not match');
    expect(refusal([code(0).slice(0, -1)]).message).toContain('not a valid receiving code');
    expect(refusal(['hello']).message).toBe(
      'Receiving code 1 (hello) is not a valid receiving code.',
    );
    expect(refusal(['ssh-ed25519 AAAAC3Nza alice@laptop']).message).toContain('SSH key');
  });

  it('refuses a pasted secret identity without repeating it', () => {
    const error = refusal([secretIdentity]);
    expect(error.message).toContain('secret identity');
    expect(`${error.message} ${error.hint}`).not.toContain(secretIdentity.slice(16));
  });

  it('refuses an empty list and more codes than a file may carry', () => {
    expect(refusal(['', '  ']).message).toContain('No receiving code');
    expect(refusal(codes).message).toContain(`at most ${maxReceivingCodes}`);
  });
});
