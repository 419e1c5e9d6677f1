import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeUpdater } from '../../../testing/updates/node-updater';
import { UpdateFeed } from '../../../testing/updates/update-feed';
import { setLogSink } from '../log';
import { readUpdatePolicy, type UpdatePolicy } from './update-policy';
import { UpdateService, type Updater } from './update-service';

const installed = '1.4.0';
const installer = Buffer.from('pretend .deb bytes: what matters is that the hash is checked');

let folder: string;
let feed: UpdateFeed;
let logged: string[];

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'keyward-updates-'));
  feed = new UpdateFeed();
  await feed.start();
  logged = [];
  setLogSink((line) => logged.push(line));
});

afterEach(async () => {
  await feed.stop();
  await rm(folder, { recursive: true, force: true });
});

const on: UpdatePolicy = { updates: 'on', feedUrl: null };

async function serviceAt(
  feedUrl: string,
  options: { policy?: UpdatePolicy; busy?: string | null; made?: Updater[] } = {},
) {
  const updater = await nodeUpdater({ version: installed, feedUrl, folder });
  return new UpdateService({
    updater: () => {
      options.made?.push(updater);
      return Promise.resolve(updater);
    },
    policy: () => Promise.resolve(options.policy ?? on),
    busyReason: () => options.busy ?? null,
  });
}

/** The files electron-updater kept as downloaded and checked. */
async function downloaded(): Promise<string[]> {
  const cache = path.join(folder, 'cache', 'keyward-updater');
  const files = await readdir(cache, { recursive: true }).catch(() => []);
  return files.filter((name) => name.endsWith('.deb')).map((name) => path.basename(name));
}

describe('looking for a newer Keyward against an update feed', () => {
  it('downloads a newer version, checks it and says it is ready', async () => {
    feed.publish({ version: '1.5.0', file: installer });
    const updates = await serviceAt(feed.url);

    expect(await updates.check()).toEqual({ kind: 'ready', version: '1.5.0' });
    expect(await downloaded()).toEqual(['keyward_1.5.0_amd64.deb']);
  });

  it('does nothing when the feed has the version already installed', async () => {
    feed.publish({ version: installed, file: installer });
    const updates = await serviceAt(feed.url);

    expect((await updates.check()).kind).toBe('up-to-date');
    expect(feed.requests).not.toContain('/keyward_1.4.0_amd64.deb');
  });

  it('never goes back to an older version', async () => {
    feed.publish({ version: '1.3.9', file: installer });
    const updates = await serviceAt(feed.url);

    expect((await updates.check()).kind).toBe('up-to-date');
    expect(await downloaded()).toEqual([]);
  });

  it('refuses a download whose sha512 is not the one the feed published', async () => {
    const tampered = Buffer.from(installer);
    tampered.writeUInt8(tampered.readUInt8(0) ^ 1, 0);
    feed.publish({
      version: '1.5.0',
      file: tampered,
      claimedSha512: createHash('sha512').update(installer).digest('base64'),
    });
    const updates = await serviceAt(feed.url);

    expect(await updates.check()).toEqual({ kind: 'idle' });
    expect(await downloaded()).toEqual([]);
    expect(logged.join('\n')).toMatch(/sha512/i);
  });

  it('stays quiet when the feed cannot be reached', async () => {
    const url = feed.url;
    await feed.stop();
    const updates = await serviceAt(url);

    await expect(updates.check()).resolves.toEqual({ kind: 'idle' });
    expect(logged.some((line) => line.includes('no update this time'))).toBe(true);
  });
});

describe('who may turn updates off', () => {
  for (const by of ['setting', 'environment', 'policy'] as const) {
    it(`asks the feed nothing when turned off by the ${by}`, async () => {
      feed.publish({ version: '1.5.0', file: installer });
      const made: Updater[] = [];
      const updates = await serviceAt(feed.url, {
        policy: { updates: 'off', by, feedUrl: null },
        made,
      });

      expect(await updates.check()).toEqual({ kind: 'off', by });
      expect(feed.requests).toEqual([]);
      expect(made).toEqual([]);
    });
  }

  it('reads the machine policy first, then the environment, then the setting', async () => {
    const policyPath = path.join(folder, 'policy.json');
    const env = { KEYWARD_UPDATES: 'off' };
    const read = (settingAllows: boolean, environment: NodeJS.ProcessEnv = {}) =>
      readUpdatePolicy({ os: 'linux', env: environment, settingAllows, policyPath });

    expect(await read(true)).toEqual({ updates: 'on', feedUrl: null });
    expect(await read(false)).toMatchObject({ updates: 'off', by: 'setting' });
    expect(await read(true, env)).toMatchObject({ updates: 'off', by: 'environment' });

    await writeFile(policyPath, JSON.stringify({ updates: 'off' }));
    expect(await read(true)).toMatchObject({ updates: 'off', by: 'policy' });

    await writeFile(
      policyPath,
      JSON.stringify({ updateFeedUrl: 'https://updates.example.com/keyward/' }),
    );
    expect(await read(true)).toEqual({
      updates: 'on',
      feedUrl: 'https://updates.example.com/keyward/',
    });
  });

  it('keeps updates off when the policy file is there but not understood', async () => {
    const policyPath = path.join(folder, 'policy.json');
    for (const text of ['{not json', JSON.stringify({ updateFeedUrl: 'http://plain.example/' })]) {
      await writeFile(policyPath, text);
      expect(
        await readUpdatePolicy({ os: 'linux', env: {}, settingAllows: true, policyPath }),
      ).toMatchObject({ updates: 'off', by: 'policy' });
    }
  });
});

describe('restarting into a downloaded update', () => {
  it('is refused while something would be lost, and says what', async () => {
    feed.publish({ version: '1.5.0', file: installer });
    const updates = await serviceAt(feed.url, { busy: 'a new key’s secret is kept nowhere yet' });
    await updates.check();

    expect(() => {
      updates.restartToUpdate();
    }).toThrow('Keyward will not restart now: a new key’s secret is kept nowhere yet.');
  });

  it('is refused when nothing is downloaded', async () => {
    feed.publish({ version: installed, file: installer });
    const updates = await serviceAt(feed.url);
    await updates.check();

    expect(() => {
      updates.restartToUpdate();
    }).toThrow('There is no downloaded update to restart into.');
  });
});
