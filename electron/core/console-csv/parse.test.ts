import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { isConsoleCsvHeader, looksLikeConsoleCsv, parseConsoleCsv } from './parse';

const id = 'AKIAIOSFODNN7EXAMPLE';
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const key = { accessKeyId: id, secretAccessKey: secret };

/** What parsing `text` was refused with, or a failure if it was not refused. */
function refusal(text: string): AppError {
  try {
    parseConsoleCsv(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('parsed, but should have been refused');
}

describe('the IAM console’s key download', () => {
  it('reads the console’s own file: byte order mark and CRLF', () => {
    expect(parseConsoleCsv(`\uFEFFAccess key ID,Secret access key\r\n${id},${secret}\r\n`)).toEqual(
      key,
    );
  });

  it('reads a copy saved with LF line ends and no byte order mark', () => {
    expect(parseConsoleCsv(`Access key ID,Secret access key\n${id},${secret}\n`)).toEqual(key);
    expect(parseConsoleCsv(`Access key ID,Secret access key\n${id},${secret}`)).toEqual(key);
  });

  it('forgives spaces around the values and blank lines at the end', () => {
    expect(
      parseConsoleCsv(`Access key ID , Secret access key\r\n ${id} , ${secret} \r\n\r\n\n`),
    ).toEqual(key);
  });

  it('refuses a file with two rows', () => {
    const error = refusal(
      `Access key ID,Secret access key\n${id},${secret}\nAKIAIOSFODNN7EXAMPL2,${secret}\n`,
    );
    expect(error.message).toBe(
      'This file holds 2 rows, but the AWS console’s download holds exactly one key.',
    );
  });

  it('refuses a file with another header, or with no key', () => {
    expect(refusal(`User name,Password\n${id},${secret}\n`).message).toMatch(
      /not the key download from the AWS console/,
    );
    expect(refusal('Access key ID,Secret access key\n').message).toMatch(/no key/);
  });

  it('refuses a temporary ASIA key, saying why it can never work', () => {
    const error = refusal(`Access key ID,Secret access key\nASIAIOSFODNN7EXAMPLE,${secret}\n`);
    expect(error.message).toMatch(/temporary key \(it starts with ASIA\)/);
    expect(error.hint).toMatch(/AKIA/);
  });

  it('refuses a key ID or secret that is not whole, without repeating the secret', () => {
    expect(refusal(`Access key ID,Secret access key\nAKIA123,${secret}\n`).message).toMatch(
      /key ID in this file is not whole/,
    );
    const short = secret.slice(0, 30);
    const error = refusal(`Access key ID,Secret access key\n${id},${short}\n`);
    expect(error.message).toMatch(/secret .* is not whole/);
    expect(`${error.message} ${error.hint}`).not.toContain(short);
  });

  it('tells the console’s header from anything else by the first line alone', () => {
    expect(isConsoleCsvHeader('\uFEFFAccess key ID,Secret access key\r')).toBe(true);
    expect(isConsoleCsvHeader('Access key ID,Secret access key,User name')).toBe(false);
    expect(looksLikeConsoleCsv(new TextEncoder().encode(`Access key ID,Secret access key\n`))).toBe(
      true,
    );
    expect(
      looksLikeConsoleCsv(new TextEncoder().encode('-----BEGIN AGE ENCRYPTED FILE-----')),
    ).toBe(false);
  });
});
