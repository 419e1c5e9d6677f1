import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { effLargeWordlist } from './eff-large-wordlist';
import { effWords } from './eff-wordlist';

/** SHA-256 of https://www.eff.org/files/2016/07/18/eff_large_wordlist.txt as the EFF publishes it. */
const publishedSha256 = 'addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e';

/** The published file's layout: "11111<TAB>abacus<LF>", the dice roll counting up in base 6. */
function publishedFile(words: readonly string[]): string {
  return words
    .map((word, index) => {
      const roll = Array.from(index.toString(6).padStart(5, '0'), (digit) => Number(digit) + 1);
      return `${roll.join('')}\t${word}\n`;
    })
    .join('');
}

describe('the vendored EFF word list', () => {
  it('is the EFF’s published large list, byte for byte', () => {
    const words = effWords();
    expect(words).toHaveLength(7776);
    expect(new Set(words).size).toBe(7776);
    expect(publishedFile(words).startsWith('11111\tabacus\n11112\tabdomen\n')).toBe(true);
    expect(publishedFile(words).endsWith('66666\tzoom\n')).toBe(true);
    expect(createHash('sha256').update(publishedFile(words)).digest('hex')).toBe(publishedSha256);
  });

  it('would be caught if one word changed', () => {
    const changed = effLargeWordlist.replace('\nzoology\n', '\nzoologi\n').split('\n');
    expect(changed).toHaveLength(7776);
    expect(createHash('sha256').update(publishedFile(changed)).digest('hex')).not.toBe(
      publishedSha256,
    );
  });
});
