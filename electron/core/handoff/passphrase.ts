import { randomInt } from 'node:crypto';
import { effWords } from './eff-wordlist';
import { checkPassphraseStrength, minPassphraseBits } from './passphrase-strength';

export interface GeneratedPassphrase {
  /** Words joined with '-', e.g. "crane-mutable-oxidize-…". Shown once; never logged or stored. */
  text: string;
  words: number;
  /** words × log2(list size): 6 words ≈ 77.5 bits. */
  entropyBits: number;
}

export const minGeneratedWords = 6;
const maxGeneratedWords = 20;

/**
 * The four EFF words that contain a hyphen (drop-down, felt-tip, t-shirt, yo-yo) are left out, so a
 * passphrase always splits back into its words at the hyphens when read aloud or typed. That costs
 * 0.001 bits per word.
 */
function generatorWords(): readonly string[] {
  return effWords().filter((word) => !word.includes('-'));
}

/**
 * A passphrase of `words` words picked uniformly with the OS's CSPRNG (`randomIndex` stands in for
 * it only in tests). A draw that the check for typed passphrases would refuse (six words that
 * happen to make a common password or repeat themselves: rare, none in thousands of test draws) is
 * drawn again, so a passphrase Keyward made up is never refused when it seals a file with it. The
 * promised strength stands: leaving out a fraction p of the draws costs about 1.44 × p bits.
 */
export function generatePassphrase(
  words = minGeneratedWords,
  randomIndex: (size: number) => number = (size) => randomInt(size),
): GeneratedPassphrase {
  if (!Number.isInteger(words) || words < minGeneratedWords || words > maxGeneratedWords) {
    throw new RangeError(
      `A generated passphrase has ${minGeneratedWords} to ${maxGeneratedWords} words.`,
    );
  }
  const list = generatorWords();
  const pick = () => list[randomIndex(list.length)] ?? '';
  for (let draw = 0; draw < maxDraws; draw += 1) {
    const text = Array.from({ length: words }, pick).join('-');
    const strength = checkPassphraseStrength(text);
    if (strength.ok && strength.estimatedBits >= minPassphraseBits) {
      return { text, words, entropyBits: Math.floor(words * Math.log2(list.length) * 10) / 10 };
    }
  }
  // Only a broken random source gets here.
  throw new Error(`No passphrase passed the strength check in ${maxDraws} draws.`);
}

const maxDraws = 100;

/**
 * A pasted passphrase often brings spaces, a tab or a line break along from the chat or email it
 * came in. Keyward's own passphrases never start or end with whitespace (words joined by '-', and
 * typed ones are trimmed before sealing), so the trimmed text is tried first; the text exactly as
 * given second, for a file made elsewhere whose passphrase really has them.
 */
export function passphrasesToTry(given: string): string[] {
  const trimmed = given.trim();
  return trimmed === given || trimmed === '' ? [given] : [trimmed, given];
}

/** A typed passphrase as Keyward seals with it: without whitespace around it. */
export function typedPassphrase(given: string): string {
  return given.trim();
}
