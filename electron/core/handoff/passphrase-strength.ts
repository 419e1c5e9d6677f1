import { HandoffError } from './handoff-error';
import { estimatePassphraseBits } from './passphrase-estimate';
import { readWithZxcvbn } from './passphrase-zxcvbn';
import type { GuessableBecause } from './passphrase-zxcvbn';

/**
 * The bar for a passphrase a person types: at least 16 characters, zxcvbn's top score (at least
 * 10^10 guesses on the weakest way of reading it, see passphrase-zxcvbn.ts), and at least 60 bits
 * on Keyward's own pattern estimate (passphrase-estimate.ts). scrypt makes each guess cost about a
 * second of CPU, but a passphrase file can be attacked offline for as long as the attacker likes,
 * so the bar is set where even a large guessing budget fails. A generated six-word passphrase
 * clears it comfortably, and one that happens not to is drawn again (see passphrase.ts).
 *
 * Runs in main only, never in the window, which asks `handoff.checkPassphrase`. It is not free:
 * the first check loads zxcvbn's dictionaries (most of a second) and each takes tens of
 * milliseconds, so sealing a file runs it in the passphrase worker, beside the scrypt.
 */
export const minPassphraseLength = 16;
export const minPassphraseBits = 60;
/** zxcvbn's top score: at least 10^10 guesses. */
const requiredScore = 4;
const maxPassphraseLength = 512;

export type WeakPassphraseProblem =
  'edge-space' | 'control-characters' | 'too-long' | 'too-short' | 'too-guessable';

export type PassphraseStrength =
  | { ok: true; estimatedBits: number }
  | {
      ok: false;
      estimatedBits: number;
      problem: WeakPassphraseProblem;
      message: string;
      hint: string;
    };

const generateHint = 'Use six or more unrelated words, or let Keyward generate a passphrase.';

/**
 * Judges a typed passphrase, with a reason a person can act on when it falls short.
 * `estimatedBits` is the lower of the two estimates: log2 of zxcvbn's guesses, and Keyward's own.
 */
export function checkPassphraseStrength(text: string): PassphraseStrength {
  const chars = Array.from(text);
  const tooLong = chars.length > maxPassphraseLength;
  const patternBits = tooLong ? 0 : estimatePassphraseBits(text);
  const zxcvbn = tooLong ? null : readWithZxcvbn(text);
  const estimatedBits = zxcvbn
    ? Math.min(patternBits, Math.round(Math.log2(zxcvbn.guesses) * 10) / 10)
    : 0;
  const refuse = (problem: WeakPassphraseProblem, message: string, hint: string) =>
    ({ ok: false, estimatedBits, problem, message, hint }) as const;

  if (/[\p{Cc}]/u.test(text)) {
    return refuse(
      'control-characters',
      'The passphrase contains invisible characters such as tabs or line breaks.',
      'Type it again using only letters, digits, spaces and punctuation.',
    );
  }
  if (text !== text.trim()) {
    return refuse(
      'edge-space',
      'The passphrase starts or ends with a space.',
      'Remove it: a space at either end is easily lost when the passphrase is copied or read out.',
    );
  }
  if (tooLong || !zxcvbn) {
    return refuse(
      'too-long',
      `The passphrase is longer than ${maxPassphraseLength} characters.`,
      'Use a shorter one; six random words are plenty.',
    );
  }
  if (chars.length < minPassphraseLength) {
    return refuse(
      'too-short',
      `The passphrase is too short: it needs at least ${minPassphraseLength} characters.`,
      generateHint,
    );
  }
  if (zxcvbn.score < requiredScore || patternBits < minPassphraseBits) {
    // zxcvbn explains what it recognised; when only Keyward's own estimate refused, it is words.
    const words = guessableWords[zxcvbn.score < requiredScore ? zxcvbn.because : 'common-words'];
    return refuse(
      'too-guessable',
      `This passphrase would be too easy to guess: ${words.what}.`,
      [words.todo, ...zxcvbn.suggestions.flatMap(suggestionWords)].join(' '),
    );
  }
  return { ok: true, estimatedBits };
}

/** Throws the strength check's reason as a refusal, for code paths that seal with a passphrase. */
export function assertStrongPassphrase(text: string): void {
  const strength = checkPassphraseStrength(text);
  if (!strength.ok) {
    throw new HandoffError('weak-passphrase', { message: strength.message, hint: strength.hint });
  }
}

const letKeywardGenerate = 'Let Keyward generate a passphrase for you, or use six or more';

/** What made it guessable, and what to do instead, in words for someone who is not a specialist. */
const guessableWords: Record<GuessableBecause, { what: string; todo: string }> = {
  'well-known-phrase': {
    what: 'it is a well-known phrase, which attackers try early however long it is',
    todo: `${letKeywardGenerate} unrelated words that do not make a sentence.`,
  },
  'common-password': {
    what: 'it is, or is built on, a password many people use',
    todo: `${letKeywardGenerate} unrelated words.`,
  },
  keyboard: {
    what: 'it follows a pattern of keys that sit together on the keyboard',
    todo: `${letKeywardGenerate} unrelated words instead of a pattern of keys.`,
  },
  repeat: {
    what: 'it repeats the same characters or words',
    todo: `${letKeywardGenerate} different words.`,
  },
  sequence: {
    what: 'it follows a sequence such as abc, 123 or the days of the week',
    todo: `${letKeywardGenerate} unrelated words.`,
  },
  date: {
    what: 'it relies on a date or a year',
    todo: `${letKeywardGenerate} unrelated words, and leave out dates and years.`,
  },
  'common-words': {
    what: 'it is made of common words, names or patterns',
    todo: `${letKeywardGenerate} unrelated words.`,
  },
};

/** zxcvbn's suggestions that add something to the advice above, in Keyward's words. */
function suggestionWords(key: string): string[] {
  switch (key) {
    case 'l33t':
      return ['Swapping letters for look-alikes (such as @ for a) hardly helps.'];
    case 'capitalization':
    case 'allUppercase':
      return ['Capital letters hardly help.'];
    case 'reverseWords':
      return ['Spelling words backwards hardly helps.'];
    default:
      return [];
  }
}
