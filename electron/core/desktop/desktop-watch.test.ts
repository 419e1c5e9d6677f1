import { beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { rotationOf, storeAliceAsWork } from '../../../testing/core/rotation/rotation-fixture';
import { DesktopNotices, type DesktopNotice } from './desktop-notices';
import { DesktopWatch } from './desktop-watch';
import type { KeptKeysSummary } from './key-attention';

const f = keywardForEachTest();
const day = 24 * 60 * 60 * 1000;
let shown: DesktopNotice[];
let summaries: KeptKeysSummary[];

beforeEach(async () => {
  await storeAliceAsWork(f);
  shown = [];
  summaries = [];
});

function watch(deleteRetiredAt = Date.now()): DesktopWatch {
  const { core } = f;
  return new DesktopWatch({
    keys: core.deviceKeys,
    rotation: core.rotation,
    settings: core.settings,
    lostKeys: core.lostKeys,
    deleteRetiredKeys: () => core.rotation.deleteRetiredKeys(deleteRetiredAt),
    onSummary: (summary) => summaries.push(summary),
    notices: new DesktopNotices({
      show: (notice) => shown.push(notice),
      turnedOff: async () => (await core.settings.read()).noticesOff ?? [],
      dataDir: f.platform.dataDir(),
    }),
  });
}

describe('Keyward in the background, on a real keychain and the IAM sandbox', () => {
  it('with a fresh key: counts it for the tray and says nothing', async () => {
    await watch().atStart();

    expect(summaries).toEqual([{ kept: 1, needsAttention: [] }]);
    expect(shown).toEqual([]);
  });

  it('says once that the kept key passed the age limit', async () => {
    const later = Date.now() + 91 * day;
    await watch().check(later);
    await watch().check(later + day);

    expect(summaries.at(-1)).toEqual({
      kept: 1,
      needsAttention: [{ name: 'work', reason: 'old' }],
    });
    expect(shown.map((notice) => notice.kind)).toEqual(['key-age']);
  });

  it('says a replacement stopped part-way, and that the old key was deleted after its wait', async () => {
    f.sandbox.faults.failNth('CreateAccessKey', 1, 'error');
    await expect(rotationOf(f.core).rotate('work', { graceDays: 0 })).rejects.toThrow();
    await watch().atStart();
    expect(shown.map((notice) => notice.kind)).toEqual(['replacement-stopped']);

    await rotationOf(f.core).resume('work');
    await rotationOf(f.core).rotate('work', { graceDays: 7 });
    await watch(Date.now() + 8 * day).atStart();
    expect(shown.map((notice) => notice.kind)).toEqual(['replacement-stopped', 'old-key-deleted']);
  });

  it('shows nothing the person turned off in Settings', async () => {
    await f.core.settings.update({ noticesOff: ['key-age'] });
    await watch().check(Date.now() + 91 * day);

    expect(summaries.at(-1)?.needsAttention).toHaveLength(1);
    expect(shown).toEqual([]);
  });
});
