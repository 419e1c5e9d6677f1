import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { onFakeClock } from '../../../../testing/renderer/fake-clock';
import { SettledText } from './settled-text.svelte';

describe('a count said once typing pauses', () => {
  onFakeClock();

  it('follows the text only once it stopped changing for a moment', () => {
    const source = $state({ text: '3 people' });
    let spoken!: SettledText;
    const stop = $effect.root(() => {
      spoken = new SettledText(() => source.text, 700);
    });
    flushSync();
    vi.advanceTimersByTime(700);
    expect(spoken.current).toBe('3 people');
    source.text = '2 matches';
    flushSync();
    vi.advanceTimersByTime(400);
    source.text = '1 match';
    flushSync();
    vi.advanceTimersByTime(400);
    expect(spoken.current).toBe('3 people');
    vi.advanceTimersByTime(300);
    expect(spoken.current).toBe('1 match');
    stop();
  });
});
