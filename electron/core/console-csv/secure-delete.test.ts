import {
  existsSync,
  linkSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { overwriteAndRemove } from './secure-delete';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const text = `\uFEFFAccess key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,${secret}\r\n`;

describe('deleting the plaintext key download', () => {
  it('zeroes every byte before removing the file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'keyward-delete-'));
    const file = path.join(folder, 'alice_accessKeys.csv');
    writeFileSync(file, text);
    // A second name for the same bytes on disk shows what was written before the removal.
    const witness = path.join(folder, 'witness');
    linkSync(file, witness);
    await overwriteAndRemove(file);
    expect(existsSync(file)).toBe(false);
    const left = readFileSync(witness);
    expect(left.length).toBe(Buffer.byteLength(text));
    expect(left.every((byte) => byte === 0)).toBe(true);
  });

  it('does not follow a link, and says a missing file is gone already', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'keyward-delete-'));
    const target = path.join(folder, 'elsewhere.txt');
    writeFileSync(target, text);
    const link = path.join(folder, 'bob_accessKeys.csv');
    symlinkSync(target, link);
    await expect(overwriteAndRemove(link)).rejects.toThrow(/could not delete/);
    expect(readFileSync(target, 'utf8')).toBe(text);
    await expect(overwriteAndRemove(path.join(folder, 'none.csv'))).rejects.toThrow(
      /no longer there/,
    );
  });
});
