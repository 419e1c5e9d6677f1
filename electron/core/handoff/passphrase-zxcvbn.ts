import { createRequire } from 'node:module';
import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import type * as ZxcvbnEnglish from '@zxcvbn-ts/language-en';
import { lettersAndDigits, wellKnownPhrases } from './well-known-phrases';

/**
 * zxcvbn's estimate of how many guesses a passphrase takes, with its common and English
 * dictionaries (about 250,000 passwords, words and names) plus Keyward's well-known phrases.
 *
 * The passphrase is read three ways and the weakest reading counts, because turning one into the
 * other costs an attacker next to nothing (cracking tools apply such rules to every guess):
 * - as typed;
 * - letters and digits only, in lower case: "the quick brown fox …" is a phrase however it is
 *   spaced or punctuated;
 * - as the keys pressed, without Shift, in lower case: "!QAZ2wsx#EDC4rfv" is the keyboard walk
 *   "1qaz2wsx3edc4rfv" typed with Shift on every other column.
 */
export interface ZxcvbnReading {
  /** zxcvbn's score of the weakest reading: 4 means at least 10^10 guesses. */
  score: number;
  guesses: number;
  /** What made the weakest reading guessable, as Keyward says it (see `GuessableBecause`). */
  because: GuessableBecause;
  /** zxcvbn's own suggestions for the weakest reading (its keys, e.g. 'l33t'); only below score 3. */
  suggestions: readonly string[];
}

export type GuessableBecause =
  | 'well-known-phrase'
  | 'common-password'
  | 'keyboard'
  | 'repeat'
  | 'sequence'
  | 'date'
  | 'common-words';

const phraseDictionary = 'keyward-phrases';

// US keyboard: what each character typed with Shift is without it.
const shifted = '~!@#$%^&*()_+{}|:"<>?';
const unshiftedKeys = "`1234567890-=[]\\;',./";

let factory: ZxcvbnCore.ZxcvbnFactory | undefined;

/**
 * Loaded on first use, not at start-up: the dictionaries are decompressed when their modules load,
 * which takes most of a second, and most sessions never judge a passphrase.
 */
function zxcvbn(): ZxcvbnCore.ZxcvbnFactory {
  if (factory) return factory;
  const load = createRequire(import.meta.url);
  const core = load('@zxcvbn-ts/core') as typeof ZxcvbnCore;
  const common = load('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon;
  const english = load('@zxcvbn-ts/language-en') as typeof ZxcvbnEnglish;
  factory = new core.ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      ...english.dictionary,
      [phraseDictionary]: wellKnownPhrases(),
    },
    graphs: common.adjacencyGraphs,
    // No translations: feedback comes back as zxcvbn's keys, which Keyward puts in its own words.
  });
  return factory;
}

function readings(text: string): string[] {
  const keys = Array.from(text, (char) => {
    const at = shifted.indexOf(char);
    return at >= 0 ? (unshiftedKeys[at] ?? char) : char.toLowerCase();
  }).join('');
  return [...new Set([text, lettersAndDigits(text), keys])].filter((reading) => reading !== '');
}

export function readWithZxcvbn(text: string): ZxcvbnReading {
  const judge = zxcvbn();
  let weakest: ZxcvbnCore.ZxcvbnResult | undefined;
  for (const reading of readings(text)) {
    const result = judge.check(reading);
    if (!weakest || result.guesses < weakest.guesses) weakest = result;
  }
  if (!weakest) return { score: 0, guesses: 1, because: 'common-words', suggestions: [] };
  return {
    score: weakest.score,
    guesses: weakest.guesses,
    because: guessableBecause(weakest.sequence),
    suggestions: weakest.feedback.suggestions,
  };
}

/** The longest part zxcvbn recognised decides what the person is told (as zxcvbn's feedback does). */
function guessableBecause(sequence: readonly ZxcvbnCore.MatchExtended[]): GuessableBecause {
  const recognised = sequence.filter(
    (match) => match.pattern !== 'bruteforce' && match.pattern !== 'separator',
  );
  if (recognised.some((match) => match['dictionaryName'] === phraseDictionary)) {
    return 'well-known-phrase';
  }
  const longest = recognised.reduce<ZxcvbnCore.MatchExtended | undefined>(
    (best, match) => (best && best.token.length >= match.token.length ? best : match),
    undefined,
  );
  switch (longest?.pattern) {
    case 'dictionary':
      return longest['dictionaryName'] === 'passwords-common' ? 'common-password' : 'common-words';
    case 'spatial':
      return 'keyboard';
    case 'repeat':
      return 'repeat';
    case 'sequence':
    case 'wordSequence':
      return 'sequence';
    case 'date':
    case 'regex':
      return 'date';
    default:
      return 'common-words';
  }
}
