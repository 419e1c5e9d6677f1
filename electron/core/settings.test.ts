import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsFile, defaultSettings } from './settings';
import { asksForTouchId } from './vault/user-presence';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'keyward-settings-'));

describe('settings', () => {
  it('start from defaults and keep what is changed', async () => {
    const dir = fresh();
    const settings = new SettingsFile(dir);
    expect(await settings.read()).toEqual(defaultSettings);
    await settings.update({ region: 'eu-west-1', clipboardSeconds: 45 });
    expect(await new SettingsFile(dir).read()).toMatchObject({
      region: 'eu-west-1',
      clipboardSeconds: 45,
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      region: 'eu-west-1',
    });
  });

  it.each([
    [{ region: 'Europe' }, 'That AWS region cannot be used', 'eu-west-1'],
    [{ endpoint: 'ftp://example.test' }, 'That endpoint address cannot be used', 'https://'],
    [{ clipboardSeconds: 2 }, 'That clipboard time cannot be used', 'between 5 and 600'],
    [{ staleKeyDays: 0 }, 'That key age limit cannot be used', 'between 1 and 3650'],
  ])('refuse %j in plain words and keep the old value', async (change, message, hint) => {
    const settings = new SettingsFile(fresh());
    await expect(settings.update(change)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining(message) as string,
      hint: expect.stringContaining(hint) as string,
    });
    expect(await settings.read()).toEqual(defaultSettings);
  });

  it('refuse a name and password typed into the endpoint, without repeating them', async () => {
    const settings = new SettingsFile(fresh());
    for (const endpoint of ['http://me:s3cr3t-pw@127.0.0.1:4566', 'https://me@iam.example.test']) {
      const refused = await settings.update({ endpoint }).catch((error: unknown) => error);
      expect(refused).toMatchObject({
        code: 'invalid-input',
        message: 'That endpoint address cannot be used: it contains a user name or password.',
        hint: expect.stringContaining('without a user name or password') as string,
      });
      expect(JSON.stringify(refused)).not.toMatch(/s3cr3t|me@/);
    }
    expect(await settings.read()).toEqual(defaultSettings);
  });

  it('never hand out a password an older settings file kept in the endpoint', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ region: 'eu-west-1', endpoint: 'http://me:s3cr3t-pw@127.0.0.1:4566/' }),
    );
    const read = await new SettingsFile(dir).read();
    expect(read).toMatchObject({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566/' });
  });

  it('tell whoever listens what a saved change was, and only once it is saved', async () => {
    const settings = new SettingsFile(fresh());
    const heard: string[] = [];
    settings.onChange((next, before) => heard.push(`${before.region}→${next.region}`));
    await settings.update({ region: 'eu-west-1' });
    await settings.update({ region: 'Europe' }).catch(() => undefined);
    expect(heard).toEqual(['us-east-1→eu-west-1']);
  });

  it('ask for Touch ID until it is turned off, and keep that choice', async () => {
    const dir = fresh();
    expect(asksForTouchId(await new SettingsFile(dir).read())).toBe(true);
    await new SettingsFile(dir).update({ askTouchId: false });
    expect(asksForTouchId(await new SettingsFile(dir).read())).toBe(false);
    await new SettingsFile(dir).update({ askTouchId: true });
    expect(asksForTouchId(await new SettingsFile(dir).read())).toBe(true);
  });

  it('show the Admin section only to whoever said they manage keys for other people, until hidden', async () => {
    const dir = fresh();
    expect((await new SettingsFile(dir).read()).managesOthersKeys).toBeUndefined();
    await new SettingsFile(dir).update({ managesOthersKeys: true });
    expect((await new SettingsFile(dir).read()).managesOthersKeys).toBe(true);
    await new SettingsFile(dir).update({ managesOthersKeys: false });
    expect((await new SettingsFile(dir).read()).managesOthersKeys).toBe(false);
  });

  it('fall back to defaults when the file is damaged', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    expect(await new SettingsFile(dir).read()).toEqual(defaultSettings);
  });
});
