import { effLargeWordlist } from './eff-large-wordlist';

/**
 * The EFF large word list (7,776 words, one per roll of five dice), vendored in
 * eff-large-wordlist.ts, whose test checks it against the published file's SHA-256. The entropy
 * Keyward promises depends on it being exactly that list, so its shape is checked again when first
 * used: a damaged build fails loudly rather than generating weaker passphrases.
 */
let words: readonly string[] | undefined;

export function effWords(): readonly string[] {
  if (words) return words;
  const list = effLargeWordlist.split('\n');
  if (
    list.length !== 7776 ||
    !list.every((word) => /^[a-z-]{3,9}$/.test(word)) ||
    new Set(list).size !== list.length
  ) {
    throw new Error('EFF word list is not the expected 7,776 distinct words');
  }
  words = list;
  return words;
}
