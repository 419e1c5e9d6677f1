import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { effWords } from './eff-wordlist';
import { HandoffError } from './handoff-error';
import { generatePassphrase } from './passphrase';
import {
  assertStrongPassphrase,
  checkPassphraseStrength,
  minPassphraseBits,
} from './passphrase-strength';

// Every generated passphrase is judged before it is handed out (zxcvbn: tens of milliseconds each),
// so the tests that draw hundreds of them get more time than vitest's default.
const manyDrawsMs = 300_000;

describe('generated passphrases', () => {
  it(
    'are six words from the EFF list, joined by hyphens, with at least 64 bits',
    () => {
      const list = new Set(effWords());
      for (let i = 0; i < 200; i += 1) {
        const generated = generatePassphrase();
        const words = generated.text.split('-');
        expect(words).toHaveLength(6);
        for (const word of words) expect(list.has(word)).toBe(true);
        expect(generated.entropyBits).toBeGreaterThanOrEqual(64);
      }
      expect(generatePassphrase().entropyBits).toBe(77.5);
      expect(generatePassphrase(8).text.split('-')).toHaveLength(8);
    },
    manyDrawsMs,
  );

  it(
    'are not repeated',
    () => {
      const seen = new Set(Array.from({ length: 500 }, () => generatePassphrase().text));
      expect(seen.size).toBe(500);
    },
    manyDrawsMs,
  );

  it('refuse to be shorter than six words', () => {
    expect(() => generatePassphrase(5)).toThrow(RangeError);
  });

  it('are drawn again when a draw would be refused, so Keyward never refuses its own', () => {
    const abacus = effWords()
      .filter((word) => !word.includes('-'))
      .indexOf('abacus');
    const weakDraw = Array.from({ length: 6 }, () => 'abacus').join('-');
    expect(checkPassphraseStrength(weakDraw).ok).toBe(false);

    let picks = 0;
    const firstDrawWeak = (size: number) => (picks++ < 6 ? abacus : randomInt(size));
    const generated = generatePassphrase(6, firstDrawWeak);
    expect(picks).toBe(12);
    expect(generated.text).not.toBe(weakDraw);
    // What sealing a passphrase file checks (sealHandoff, and so the window and `keys create`).
    expect(() => {
      assertStrongPassphrase(generated.text);
    }).not.toThrow();
  });

  it('stop drawing, rather than loop for ever, when the random source is broken', () => {
    expect(() => generatePassphrase(6, () => 0)).toThrow(/strength check/);
  });

  it(
    'always pass the strength check for typed passphrases',
    () => {
      for (let i = 0; i < 200; i += 1) {
        const strength = checkPassphraseStrength(generatePassphrase().text);
        expect(strength.ok).toBe(true);
        expect(strength.estimatedBits).toBeGreaterThanOrEqual(minPassphraseBits);
      }
    },
    manyDrawsMs,
  );
});

describe('typed passphrases', () => {
  it.each([
    ['a short one', 'Tr0ub4dor&3', 'too-short'],
    ['a famous one', 'correct horse battery staple', 'too-guessable'],
    ['a password with digits', 'Password12345678!', 'too-guessable'],
    ['a sentence about a pet', 'MyDogIsCalledRex2019!', 'too-guessable'],
    ['a keyboard walk', 'qwertyuiopasdfghjkl', 'too-guessable'],
    ['a repeated word', 'passwordpassword1234', 'too-guessable'],
    ['the alphabet', 'abcdefghijklmnopqrstu', 'too-guessable'],
    ['one character again and again', 'aaaaaaaaaaaaaaaaaaaa', 'too-guessable'],
    ['sixteen digits', '4929123456781234', 'too-guessable'],
    ['a trailing space', 'tortoise-blimp-grumpy-cider-spur-unmixed ', 'edge-space'],
    ['a line break', 'tortoise-blimp-grumpy\ncider-spur-unmixed', 'control-characters'],
    ['600 characters', 'x7#Kp2!mQ9'.repeat(60), 'too-long'],
  ])('refuses %s, saying why and what to do', (_case, text, problem) => {
    const strength = checkPassphraseStrength(text);
    expect(strength).toMatchObject({ ok: false, problem });
    if (!strength.ok) {
      expect(strength.message).toMatch(/^The passphrase|^This passphrase/);
      expect(strength.hint.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ['a pangram', 'the quick brown fox jumps over the lazy dog', 'a well-known phrase'],
    ['Hamlet, run together', 'tobeornottobethatisthequestion', 'a well-known phrase'],
    ['a keyboard walk', '1q2w3e4r5t6y7u8i', 'a password many people use'],
    ['a keyboard walk typed with Shift', '!QAZ2wsx#EDC4rfv', 'a password many people use'],
    [
      'a pangram in capitals',
      'The Quick Brown Fox Jumps Over The Lazy Dog!',
      'a well-known phrase',
    ],
    ['Hamlet with hyphens', 'to-be-or-not-to-be-that-is-the-question', 'a well-known phrase'],
  ])('refuses %s as zxcvbn reads it, saying why and what to do', (_case, text, why) => {
    expect(checkPassphraseStrength(text)).toEqual({
      ok: false,
      problem: 'too-guessable',
      estimatedBits: expect.any(Number) as unknown,
      message: expect.stringMatching(
        new RegExp(`^This passphrase would be too easy to guess: .*${why}`),
      ) as unknown,
      hint: expect.stringMatching(/^Let Keyward generate a passphrase for you/) as unknown,
    });
  });

  it('gives zxcvbn’s estimate in bits when it is the lower one', () => {
    // Sixteen characters zxcvbn sees no pattern in: it counts ten guesses a character.
    expect(checkPassphraseStrength('k8Jq2Lm9Xz4Rt7Wp').estimatedBits).toBeCloseTo(
      16 * Math.log2(10),
      0,
    );
  });

  it.each([
    ['six random words', 'tortoise blimp grumpy cider spur unmixed'],
    ['a password manager’s random string', 'x7#Kp2!mQ9zR4&vL8@wN'],
    ['sixteen random letters and digits', 'k8Jq2Lm9Xz4Rt7Wp'],
  ])('accepts %s', (_case, text) => {
    expect(checkPassphraseStrength(text).ok).toBe(true);
  });

  it('are refused for sealing with the strength check’s own words', () => {
    try {
      assertStrongPassphrase('correct horse battery staple');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HandoffError);
      expect(error).toMatchObject({
        reason: 'weak-passphrase',
        message: expect.stringContaining('too easy to guess') as unknown,
        hint: expect.stringContaining('generate') as unknown,
      });
    }
  });
});
