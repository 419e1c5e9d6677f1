import { randomInt } from 'node:crypto';
import { effWords } from './eff-wordlist';

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

/** A passphrase of `words` words picked uniformly with the OS's CSPRNG. */
export function generatePassphrase(words = minGeneratedWords): GeneratedPassphrase {
  if (!Number.isInteger(words) || words < minGeneratedWords || words > maxGeneratedWords) {
    throw new RangeError(
      `A generated passphrase has ${minGeneratedWords} to ${maxGeneratedWords} words.`,
    );
  }
  const list = generatorWords();
  const picked = Array.from({ length: words }, () => list[randomInt(list.length)] ?? '');
  return {
    text: picked.join('-'),
    words,
    entropyBits: Math.floor(words * Math.log2(list.length) * 10) / 10,
  };
}

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
