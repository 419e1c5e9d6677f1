import { beforeEach, describe, expect, it } from 'vitest';
import { keywardForEachTest } from '../../../testing/core/keyward-each-test';
import { rotationOf, storeAliceAsWork } from '../../../testing/core/rotation/rotation-fixture';
import { desktopWatchOf } from '../../../testing/desktop/watch-of';
import type { DesktopNotice } from './desktop-notices';
import type { DesktopWatch } from './desktop-watch';
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

/** A watch over this test's core; what it shows and sums up goes to `shown` and `summaries`. */
function watch(deleteRetiredAt = Date.now()): DesktopWatch {
  return desktopWatchOf(f.core, f.platform.dataDir(), { deleteRetiredAt, shown, summaries }).watch;
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
