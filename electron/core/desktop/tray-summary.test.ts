import { describe, expect, it } from 'vitest';
import { traySummary } from './tray-summary';

describe('the tray icon’s summary', () => {
  it('counts kept keys and says when all is well', () => {
    expect(traySummary({ kept: 0, needsAttention: [] })).toEqual({
      tooltip: 'Keyward: No keys kept on this computer',
      lines: ['No keys kept on this computer'],
      attention: false,
    });
    expect(traySummary({ kept: 1, needsAttention: [] }).lines).toEqual([
      '1 key kept on this computer',
    ]);
  });

  it('names the one key that needs the person, or counts several', () => {
    expect(traySummary({ kept: 3, needsAttention: [{ name: 'work', reason: 'old' }] })).toEqual({
      tooltip: 'Keyward: “work” is due to be replaced',
      lines: ['3 keys kept on this computer', '“work” is due to be replaced'],
      attention: true,
    });
    expect(
      traySummary({
        kept: 3,
        needsAttention: [
          { name: 'work', reason: 'replacement-stopped' },
          { name: 'ci', reason: 'old' },
        ],
      }).lines,
    ).toEqual(['3 keys kept on this computer', '2 keys need your attention']);
  });
});
