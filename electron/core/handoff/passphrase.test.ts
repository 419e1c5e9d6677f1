import { describe, expect, it } from 'vitest';
import { effWords } from './eff-wordlist';
import { HandoffError } from './handoff-error';
import { generatePassphrase } from './passphrase';
import {
  assertStrongPassphrase,
  checkPassphraseStrength,
  minPassphraseBits,
} from './passphrase-strength';

describe('generated passphrases', () => {
  it('are six words from the EFF list, joined by hyphens, with at least 64 bits', () => {
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
  });

  it('are not repeated', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generatePassphrase().text));
    expect(seen.size).toBe(500);
  });

  it('refuse to be shorter than six words', () => {
    expect(() => generatePassphrase(5)).toThrow(RangeError);
  });

  it('always pass the strength check for typed passphrases', () => {
    for (let i = 0; i < 200; i += 1) {
      const strength = checkPassphraseStrength(generatePassphrase().text);
      expect(strength.ok).toBe(true);
      expect(strength.estimatedBits).toBeGreaterThanOrEqual(minPassphraseBits);
    }
  });
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
