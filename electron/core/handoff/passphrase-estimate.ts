import { effWords } from './eff-wordlist';

// Keyward's own pattern estimate, kept beside zxcvbn as a second opinion that can only refuse more
// (a passphrase needs both): it reads words run together in capitals ("MyDogIsCalledRex2019!") and
// the hundred most used English words, which zxcvbn scores as random letters. On its own it
// accepted well-known phrases and keyboard walks; zxcvbn and its readings catch those.
//
// A small version of zxcvbn's idea: the passphrase is split into the pieces an attacker would guess
// (dictionary words, common passwords, repeats, keyboard runs, years, single characters) in the way
// that needs the fewest guesses, and the pieces' costs in bits are added. Without a large dictionary
// it cannot know every word, so any word-like run of letters counts as a word from a big dictionary.

const listWordBits = 11; // a common word, as a person picks it: about the top 2,000 words
const everydayWordBits = 7; // the hundred words English uses most
/** Any pronounceable run of letters, by length: English has ~100 two-letter words, ~1,000 of three… */
const wordLikeBits = [0, 0, 7, 10, 12, 14, 16];
const commonPasswordBits = 4;
const yearBits = 7;
const separatorBits = 1;

const commonPasswords = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'qwerty',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'iloveyou',
  'monkey',
  'dragon',
  'master',
  'secret',
  'changeme',
  'trustno1',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'login',
  'keyward',
  'amazon',
  'aws',
];
// The first hundred of Fry's list of the most used English words, plus what people write about.
const everydayWords =
  `the of and to in is you that it he was for on are as with his they at be this have
from or one had by word but not what all were we when your can said there use an each which she do how
their if will up other about out many then them these so some her would make like him into time has look
two more write go see number no way could people my than first water been call who oil its now find long
down day did get come made may part love dog cat baby name called summer winter spring home family my`
    .split(/\s+/)
    .filter((word) => word.length >= 2);
const sequences = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
];
const separators = new Set([' ', '-', '_', '.', ',', '/', '+']);

let dictionary: Map<string, number> | undefined;

function wordCosts(): Map<string, number> {
  if (dictionary) return dictionary;
  dictionary = new Map(effWords().map((word) => [word, listWordBits]));
  for (const word of everydayWords) dictionary.set(word, everydayWordBits);
  for (const word of commonPasswords) dictionary.set(word, commonPasswordBits);
  return dictionary;
}

function charBits(char: string): number {
  if (/\d/.test(char)) return Math.log2(10);
  if (/[A-Za-z]/.test(char)) return Math.log2(26);
  if (separators.has(char)) return separatorBits;
  if (/[\x20-\x7e]/.test(char)) return Math.log2(33);
  return 7; // a letter outside ASCII: a larger alphabet, but not much larger in practice
}

/** Capitals add little: first letter, all caps, or something mixed. */
function capitalBits(piece: readonly string[]): number {
  const text = piece.join('');
  if (text === text.toLowerCase()) return 0;
  if (text === text.toUpperCase() || /^\p{Lu}[^\p{Lu}]*$/u.test(text)) return 1;
  return 2;
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /\p{L}/u.test(char);
}

/** Pronounceable: enough vowels and no long consonant clusters, as real words have. */
function isWordLike(word: string): boolean {
  const vowels = word.match(/[aeiouy]/g)?.length ?? 0;
  return vowels / word.length >= 0.3 && !/[^aeiouy]{4}/.test(word);
}

export function estimatePassphraseBits(text: string): number {
  const chars = Array.from(text);
  const lower = chars.map((char) => char.toLowerCase());
  const n = chars.length;
  const words = wordCosts();
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  best[0] = 0;
  const relax = (from: number, to: number, bits: number): void => {
    const candidate = (best[from] ?? Number.POSITIVE_INFINITY) + bits;
    if (candidate < (best[to] ?? Number.POSITIVE_INFINITY)) best[to] = candidate;
  };

  for (let i = 0; i < n; i += 1) {
    const char = chars[i] ?? '';
    const first = charBits(char);
    relax(i, i + 1, first);

    for (let length = 2; length <= 13 && i + length <= n; length += 1) {
      const bits = words.get(lower.slice(i, i + length).join(''));
      if (bits !== undefined) relax(i, i + length, bits + capitalBits(chars.slice(i, i + length)));
    }

    // A run of letters that starts here (after a non-letter or at a lower-to-upper change).
    const startsToken = isLetter(char) && (!isLetter(chars[i - 1]) || /\p{Lu}/u.test(char));
    if (startsToken) {
      let end = i + 1;
      while (end < n && isLetter(chars[end]) && !/\p{Lu}/u.test(chars[end] ?? '')) end += 1;
      const token = lower.slice(i, end).join('');
      if (end - i >= 2 && end - i <= 10 && isWordLike(token)) {
        const bits = wordLikeBits[end - i] ?? wordLikeBits[wordLikeBits.length - 1] ?? 16;
        relax(i, end, bits + capitalBits(chars.slice(i, end)));
      }
    }

    // The same character again and again.
    let run = i + 1;
    while (run < n && chars[run] === char) run += 1;
    for (let end = i + 3; end <= run; end += 1) relax(i, end, first + Math.log2(end - i));

    // Runs along the alphabet, the digits or a keyboard row, either way.
    for (const row of sequences) {
      for (const line of [row, Array.from(row).reverse().join('')]) {
        const start = line.indexOf(lower[i] ?? '');
        if (start < 0) continue;
        let length = 1;
        while (i + length < n && line[start + length] === lower[i + length]) length += 1;
        for (let end = 3; end <= length; end += 1) relax(i, i + end, first + 1 + Math.log2(end));
      }
    }

    // A piece repeated straight after itself ("abc1abc1").
    for (let length = 3; length <= 32 && length <= i && i + length <= n; length += 1) {
      if (chars.slice(i, i + length).join('') === chars.slice(i - length, i).join('')) {
        relax(i, i + length, 1 + Math.log2(length));
      }
    }

    // A year.
    if (/^(?:19|20)\d\d$/.test(chars.slice(i, i + 4).join(''))) relax(i, i + 4, yearBits);
  }
  return Math.round((best[n] ?? 0) * 10) / 10;
}
