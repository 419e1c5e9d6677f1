import { createHash } from 'node:crypto';
import { effWords } from '../handoff/eff-wordlist';

/** How many words a receiving code's check words are. */
export const checkWordCount = 4;

/**
 * A receiving code's check words: four words of the EFF large list picked by the code's SHA-256.
 * The admin's Keyward shows them beside a published code and the person's own Keyward beside
 * theirs, so reading them aloud proves the code in IAM is the person's. Four words from 7,776
 * (about 51 bits) are far beyond what someone could match by trying codes until the words agree.
 */
export function codeFingerprint(code: string): string[] {
  const digest = createHash('sha256').update(code, 'utf8').digest();
  const words = effWords();
  const picked: string[] = [];
  for (let index = 0; index < checkWordCount; index += 1) {
    // 32 bits per word: the bias of taking them modulo 7,776 is under one in half a million.
    const word = words[digest.readUInt32BE(index * 4) % words.length];
    if (word === undefined) throw new Error('EFF word list index out of range');
    picked.push(word);
  }
  return picked;
}
