import { randomBytes, randomInt } from 'node:crypto';
import {
  Decrypter,
  Encrypter,
  armor,
  generateX25519Identity,
  identityToRecipient,
} from 'age-encryption';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { maxHandoffFileBytes } from './age-envelope';
import { getReceivingCode, handoffIdentityAccount } from './device-identity';
import { formatHandoffCsv } from './handoff-csv';
import { HandoffError } from './handoff-error';
import type { HandoffProblem } from './handoff-error';
import { inspectHandoff, openHandoff, sealHandoff } from './handoff-file';
import { MemoryStore } from '../../../testing/memory-store';
import { sampleKey } from '../../../testing/core/handoff/sample-keys';
import { thisDeviceForFile } from '../../../testing/core/handoff/this-device';

const { leaks, store, passphrase, myCode } = thisDeviceForFile();
const keys = [sampleKey(), sampleKey({ userName: 'bob', description: '' })];
let recipientFile = '';
let passphraseFile = '';

async function refusalOf(attempt: Promise<unknown>): Promise<HandoffProblem> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof HandoffError) return error.reason;
    throw error;
  }
  throw new Error('the file was accepted');
}

function binaryOf(file: string): Uint8Array {
  return armor.decode(file);
}

async function sealedToCode(code: string, plaintext: string): Promise<string> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(code);
  return armor.encode(await encrypter.encrypt(plaintext));
}

beforeAll(async () => {
  recipientFile = await sealHandoff(keys, { kind: 'recipients', codes: [myCode()] });
});

describe('sealing and opening hand-off files', () => {
  it('keeps the window responsive while scrypt runs for a passphrase seal', async () => {
    const ticks: number[] = [];
    const started = performance.now();
    const timer = setInterval(() => ticks.push(performance.now()), 20);
    passphraseFile = await sealHandoff(keys, { kind: 'passphrase', passphrase });
    clearInterval(timer);
    const ended = performance.now();

    // scrypt at age's work factor really ran (it takes about a second)...
    expect(ended - started).toBeGreaterThan(300);
    // ...and the event loop kept turning: ticks all along, with no long pause.
    const times = [started, ...ticks, ended];
    const longestPause = Math.max(...times.slice(1).map((time, i) => time - (times[i] ?? time)));
    expect(longestPause).toBeLessThan(250);
    expect(ticks.length).toBeGreaterThan((ended - started) / 20 / 2);
  });

  it('round-trips keys through a passphrase file', async () => {
    expect(passphraseFile).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);
    expect(passphraseFile).not.toContain(keys[0]?.secretAccessKey);
    expect(await inspectHandoff(passphraseFile)).toEqual({ lock: 'passphrase', armored: true });
    // Opened from binary bytes, which must come back intact: the worker gets a copy, not these.
    const bytes = binaryOf(passphraseFile);
    const before = Buffer.from(bytes).toString('base64');
    expect(await openHandoff(bytes, { store, passphrase })).toEqual({
      lock: 'passphrase',
      contents: { layout: 'keyward', keys },
    });
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
  });

  it('refuses a wrong passphrase', async () => {
    const wrong = passphrase.replace(/^[a-z]+/, 'wrong');
    expect(await refusalOf(openHandoff(passphraseFile, { store, passphrase: wrong }))).toBe(
      'wrong-passphrase',
    );
  });

  it('opens with a passphrase pasted with spaces, a tab or a line break around it', async () => {
    for (const pasted of [`  ${passphrase} `, `\t${passphrase}\n`]) {
      expect(await openHandoff(passphraseFile, { store, passphrase: pasted })).toMatchObject({
        contents: { keys },
      });
    }
  }, 30_000);

  it('still opens a file made elsewhere whose passphrase really has spaces around it', async () => {
    const padded = ` ${passphrase} `;
    const encrypter = new Encrypter();
    encrypter.setPassphrase(padded);
    const file = armor.encode(await encrypter.encrypt(formatHandoffCsv(keys)));
    expect(await openHandoff(file, { store, passphrase: padded })).toMatchObject({
      contents: { keys },
    });
  }, 30_000);

  it('asks for the passphrase when none is given, before any work', async () => {
    expect(await refusalOf(openHandoff(passphraseFile, { store }))).toBe('passphrase-required');
  });

  it('refuses a passphrase file whose work factor is above what the library accepts', async () => {
    const binary = binaryOf(passphraseFile);
    const text = new TextDecoder('latin1').decode(binary);
    const raised = text.replace(/^(age-encryption\.org\/v1\n-> scrypt \S+) 18\n/, '$1 21\n');
    expect(raised).not.toBe(text);
    const file = Uint8Array.from(raised, (char) => char.charCodeAt(0));
    expect(await refusalOf(inspectHandoff(file))).toBe('work-factor-too-high');
  });

  it('refuses a typed passphrase that is too weak, before sealing anything', async () => {
    const attempt = sealHandoff(keys, { kind: 'passphrase', passphrase: 'correct horse battery' });
    expect(await refusalOf(attempt)).toBe('weak-passphrase');
  });

  it('round-trips keys through a file sealed to receiving codes, armored or not', async () => {
    expect(await inspectHandoff(recipientFile)).toEqual({
      lock: 'recipients',
      armored: true,
      recipients: 1,
    });
    const expected = { lock: 'recipients', contents: { layout: 'keyward', keys } };
    expect(await openHandoff(recipientFile, { store })).toEqual(expected);
    expect(await openHandoff(binaryOf(recipientFile), { store })).toEqual(expected);
    expect(await openHandoff(new TextEncoder().encode(recipientFile), { store })).toEqual(expected);
  });

  it('opens a file sealed to a colleague and a team escrow code, for each of them', async () => {
    const colleague = new MemoryStore();
    const escrow = new MemoryStore();
    const codes = [await getReceivingCode(colleague), await getReceivingCode(escrow)];
    const file = await sealHandoff(keys, { kind: 'recipients', codes });
    expect(await inspectHandoff(file)).toMatchObject({ recipients: 2 });
    for (const device of [colleague, escrow]) {
      expect((await openHandoff(file, { store: device })).contents.keys).toEqual(keys);
    }
  });

  it('refuses a hand-off file sealed to another device', async () => {
    const other = await identityToRecipient(await generateX25519Identity());
    const file = await sealHandoff(keys, { kind: 'recipients', codes: [other] });
    expect(await refusalOf(openHandoff(file, { store }))).toBe('sealed-to-another-device');

    // A device without an identity yet refuses it the same way, and does not create one.
    const fresh = new MemoryStore();
    expect(await refusalOf(openHandoff(file, { store: fresh }))).toBe('sealed-to-another-device');
    expect(await fresh.get(handoffIdentityAccount)).toBeNull();
  });

  it('refuses a malformed receiving code when sealing', async () => {
    const attempt = sealHandoff(keys, { kind: 'recipients', codes: [myCode(), 'age1oops'] });
    expect(await refusalOf(attempt)).toBe('invalid-recipient');
  });

  it('refuses a file with one byte flipped in its payload as tampered', async () => {
    const binary = binaryOf(recipientFile);
    binary[binary.length - 20] = (binary[binary.length - 20] ?? 0) ^ 0x01;
    expect(await refusalOf(openHandoff(armor.encode(binary), { store }))).toBe('tampered');
  });

  it('refuses a file whose header was changed as tampered', async () => {
    const binary = binaryOf(recipientFile);
    const macAt = new TextDecoder('latin1').decode(binary).indexOf('\n--- ') + 6;
    binary[macAt] = binary[macAt] === 0x41 ? 0x42 : 0x41;
    expect(await refusalOf(openHandoff(binary, { store }))).toBe('tampered');
  });

  it('refuses a file cut short, armored or binary', async () => {
    const lines = recipientFile.trimEnd().split('\n');
    const withoutEnd = lines.slice(0, -2).join('\n');
    expect(await refusalOf(openHandoff(withoutEnd, { store }))).toBe('malformed');
    const binary = binaryOf(recipientFile);
    expect(await refusalOf(openHandoff(binary.subarray(0, binary.length - 10), { store }))).toBe(
      'tampered',
    );
  });

  it('refuses a 10 MB file before decrypting anything', async () => {
    const decrypt = vi.spyOn(Decrypter.prototype, 'decrypt');
    const decryptHeader = vi.spyOn(Decrypter.prototype, 'decryptHeader');
    try {
      const big = await sealedToCode(myCode(), 'x'.repeat(10 * 1024 * 1024));
      expect(big.length).toBeGreaterThan(maxHandoffFileBytes);
      expect(await refusalOf(openHandoff(big, { store }))).toBe('too-large');
      expect(await refusalOf(inspectHandoff(binaryOf(big)))).toBe('too-large');
      expect(decrypt).not.toHaveBeenCalled();
      expect(decryptHeader).not.toHaveBeenCalled();
    } finally {
      decrypt.mockRestore();
      decryptHeader.mockRestore();
    }
  });

  it.each([
    ['empty input', '', 'empty'],
    ['only blank lines', '\n\r\n  \n', 'empty'],
    ['garbage bytes', randomBytes(2000), 'not-age-file'],
    ['a plain CSV', formatHandoffCsv([sampleKey()]), 'not-age-file'],
    [
      'a PGP message',
      '-----BEGIN PGP MESSAGE-----\nhQEMA\n-----END PGP MESSAGE-----\n',
      'not-age-file',
    ],
    ['an armor of garbage', armor.encode(randomBytes(300)), 'malformed'],
    ['a header with no recipients', 'age-encryption.org/v1\n--- AAAA\nxxxx', 'malformed'],
    ['a future age version', 'age-encryption.org/v2\n-> X25519 abc\n', 'not-age-file'],
  ])('refuses %s as not a hand-off', async (_case, input, reason) => {
    expect(await refusalOf(openHandoff(input, { store }))).toBe(reason);
  });

  it('refuses a valid age file that holds something other than a hand-off CSV', async () => {
    const prose = await sealedToCode(myCode(), 'Dear Alice, here is the thing we talked about.\n');
    expect(await refusalOf(openHandoff(prose, { store }))).toBe('invalid-contents');
    const notUtf8 = new Encrypter();
    notUtf8.addRecipient(myCode());
    const file = await notUtf8.encrypt(Uint8Array.of(0xff, 0xfe, 0x00));
    expect(await refusalOf(openHandoff(file, { store }))).toBe('invalid-contents');
    const badSecret = formatHandoffCsv([sampleKey()]).replace(/,[A-Za-z0-9/+]{40},/, ',short,');
    expect(await refusalOf(openHandoff(await sealedToCode(myCode(), badSecret), { store }))).toBe(
      'invalid-contents',
    );
  });

  it('survives random and mutated input with a clear refusal every time', async () => {
    const binary = binaryOf(recipientFile);
    for (let i = 0; i < 300; i += 1) {
      const mutated = binary.slice();
      const flips = 1 + randomInt(4);
      for (let f = 0; f < flips; f += 1) {
        const at = randomInt(mutated.length);
        mutated[at] = (mutated[at] ?? 0) ^ (1 + randomInt(255));
      }
      const cut = randomInt(4) === 0 ? mutated.subarray(0, randomInt(mutated.length)) : mutated;
      const input = i % 2 === 0 ? cut : armor.encode(cut);
      const error = await openHandoff(input, { store }).then(
        () => null,
        (rejection: unknown) => rejection,
      );
      expect(error).toBeInstanceOf(HandoffError);
    }
    for (let i = 0; i < 100; i += 1) {
      const noise = randomBytes(randomInt(200));
      const input =
        i % 3 === 0 ? Buffer.concat([Buffer.from('age-encryption.org/v1\n'), noise]) : noise;
      await expect(openHandoff(input, { store })).rejects.toBeInstanceOf(HandoffError);
    }
  });

  it('leaves the secret and the passphrase in no temporary file and no log line', async () => {
    expect(leaks.lines.some((line) => line.startsWith('[handoff] seal passphrase-locked'))).toBe(
      true,
    );
    expect(leaks.lines.some((line) => line.startsWith('[handoff] open recipient-locked'))).toBe(
      true,
    );
    const secrets = keys.map((key) => key.secretAccessKey);
    expect(await leaks.leaksOf([...secrets, passphrase])).toEqual([]);
  });
});
