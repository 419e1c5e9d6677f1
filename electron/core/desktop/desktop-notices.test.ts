import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { longTermUse } from '../../common/credential-use';
import type { StoredProfile } from '../../common/domain';
import type { NoticeKind } from '../../common/desktop';
import { DesktopNotices, type DesktopNotice } from './desktop-notices';
import { summariseKeptKeys } from './key-attention';

const day = 24 * 60 * 60 * 1000;
const now = Date.parse('2026-11-30T09:00:00Z');

function kept(name: string, ageDays: number, accessKeyId = 'AKIAIOSFODNN7EXAMPLE'): StoredProfile {
  return {
    name,
    accessKeyId,
    userName: 'maria',
    accountId: '123456789012',
    created: new Date(now - ageDays * day).toISOString(),
    description: null,
    use: longTermUse,
  };
}

let dataDir: string;
let shown: DesktopNotice[];
let off: NoticeKind[];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'keyward-notices-'));
  shown = [];
  off = [];
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function notices(): DesktopNotices {
  return new DesktopNotices({
    show: (notice) => shown.push(notice),
    turnedOff: () => Promise.resolve(off),
    dataDir,
  });
}

const check = (profiles: StoredProfile[], at = now, stopped: string[] = []) =>
  notices().keysChecked(summariseKeptKeys(profiles, stopped, 90, at));

describe('desktop notifications', () => {
  it('says once that a key passed the age limit, not every day after', async () => {
    await check([kept('work', 89)]);
    expect(shown).toEqual([]);

    await check([kept('work', 90)]);
    await check([kept('work', 91)], now + day);

    expect(shown).toEqual([
      {
        kind: 'key-age',
        title: 'A key is due to be replaced',
        body: 'Your key “work” has passed the age limit. Open Keyward to replace it.',
        opens: 'my-keys',
      },
    ]);
  });

  it('says it again when the replacement key is old in its turn', async () => {
    await check([kept('work', 95)]);
    await check([kept('work', 1)]);
    await check([kept('work', 92)]);

    expect(shown.map((notice) => notice.kind)).toEqual(['key-age', 'key-age']);
  });

  it('names several keys in one notification', async () => {
    await check([kept('work', 100), kept('deploy', 120), kept('fresh', 3)]);

    expect(shown).toHaveLength(1);
    expect(shown[0]?.body).toBe(
      '2 of your keys have passed the age limit: “work”, “deploy”. Open Keyward to replace them.',
    );
  });

  it('shows nothing of a kind the person turned off', async () => {
    off = ['key-age', 'lost-key'];
    await check([kept('work', 100)]);
    await notices().lostKeysFound(1);
    await check([kept('work', 100)], now, ['work']);

    expect(shown.map((notice) => notice.kind)).toEqual(['replacement-stopped']);
  });

  it('says once that a replacement stopped part-way, and again if a later one stops', async () => {
    await check([kept('work', 10)], now, ['work']);
    await check([kept('work', 10)], now, ['work']);
    await check([kept('work', 10)], now, []);
    await check([kept('work', 10)], now, ['work']);

    expect(shown.map((notice) => notice.body)).toEqual([
      'Replacing “work” did not finish. Open Keyward to finish it or undo it.',
      'Replacing “work” did not finish. Open Keyward to finish it or undo it.',
    ]);
  });

  it('opens the place that needs the person', async () => {
    await check([kept('work', 10)], now, ['work']);
    await notices().oldKeysDeleted(2);
    await notices().lostKeysFound(1);
    await notices().oldKeysDeleted(0);

    expect(shown.map(({ kind, opens }) => [kind, opens])).toEqual([
      ['replacement-stopped', 'my-keys'],
      ['old-key-deleted', 'history'],
      ['lost-key', 'my-keys'],
    ]);
  });

  it('never shows a key ID or anything secret-shaped', async () => {
    const id = 'AKIAZZZZZZZZZZZZ7777';
    await check([kept('work', 100, id), kept('other', 200, id)]);
    await check([kept('work', 100, id)], now, ['work']);
    await notices().oldKeysDeleted(1);
    await notices().lostKeysFound(2);

    const everything = JSON.stringify(shown);
    expect(shown).toHaveLength(4);
    expect(everything).not.toMatch(/A[KS]IA[A-Z0-9]{4,}/);
    expect(everything).not.toContain('7777');
  });
});
