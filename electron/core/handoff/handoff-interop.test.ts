import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReceivingCode, handoffIdentityAccount } from './device-identity';
import { formatHandoffCsv } from './handoff-csv';
import { openHandoff, sealHandoff } from './handoff-file';
import {
  ageDecryptWithIdentity,
  ageDecryptWithPassphrase,
  ageEncryptToRecipient,
  ageEncryptWithPassphrase,
} from '../../../testing/core/handoff/age-cli';
import { thisDeviceForFile } from '../../../testing/core/handoff/this-device';
import { MemoryStore } from '../../../testing/memory-store';
import { sampleKey } from '../../../testing/core/handoff/sample-keys';

// Debian's reference `age` (1.1) must read what Keyward writes, and Keyward what age writes.
const { leaks, store, passphrase, myCode } = thisDeviceForFile();
const keys = [sampleKey()];
const csv = formatHandoffCsv(keys);
let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'keyward-handoff-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('hand-off files and the reference age tool', () => {
  it('age -d -i <identity> decrypts a Keyward recipient file to the console-style CSV', async () => {
    const identityFile = path.join(workDir, 'identity.txt');
    const identity = (await store.get(handoffIdentityAccount)) ?? '';
    await writeFile(identityFile, `${identity}\n`, { mode: 0o600 });
    try {
      expect((await stat(identityFile)).mode & 0o777).toBe(0o600);
      const file = await sealHandoff(keys, { kind: 'recipients', codes: [myCode()] });
      const plaintext = await ageDecryptWithIdentity(file, identityFile);
      expect(plaintext).toBe(csv);
      expect(plaintext.split('\r\n')[0]).toMatch(/^Access key ID,Secret access key,/);
    } finally {
      await rm(identityFile, { force: true });
    }
  });

  it('opens files made by age -r <code>, armored or binary, including the console’s own CSV', async () => {
    const armored = await ageEncryptToRecipient(csv, myCode(), true);
    expect(armored.toString('latin1')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect((await openHandoff(armored, { store })).contents).toEqual({ layout: 'keyward', keys });

    const key = keys[0] ?? sampleKey();
    const consoleCsv = `Access key ID,Secret access key\n${key.accessKeyId},${key.secretAccessKey}\n`;
    const binary = await ageEncryptToRecipient(consoleCsv, myCode(), false);
    expect((await openHandoff(binary, { store })).contents).toEqual({
      layout: 'iam-console',
      keys: [{ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }],
    });
  });

  it('refuses a file age sealed to another device', async () => {
    const other = await getReceivingCode(new MemoryStore());
    const file = await ageEncryptToRecipient(csv, other, true);
    await expect(openHandoff(file, { store })).rejects.toMatchObject({
      reason: 'sealed-to-another-device',
    });
  });

  it('age -d, with the passphrase typed at its prompt, decrypts a Keyward passphrase file', async () => {
    const file = path.join(workDir, 'passphrase.keyward');
    await writeFile(file, await sealHandoff(keys, { kind: 'passphrase', passphrase }));
    expect(await ageDecryptWithPassphrase(file, passphrase)).toBe(csv);
  });

  it('opens a file made by age -p with the same passphrase', async () => {
    const file = path.join(workDir, 'from-age.age');
    await ageEncryptWithPassphrase(csv, passphrase, file);
    const bytes = await readFile(file);
    expect(bytes.toString('latin1')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
    expect(await openHandoff(bytes, { store, passphrase })).toEqual({
      lock: 'passphrase',
      contents: { layout: 'keyward', keys },
    });
  });

  it('leaves the secret and the passphrase in no temporary file and no log line', async () => {
    expect(leaks.lines.length).toBeGreaterThan(0);
    const secrets = keys.map((key) => key.secretAccessKey);
    expect(await leaks.leaksOf([...secrets, passphrase])).toEqual([]);
  });
});
