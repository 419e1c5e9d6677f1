import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { PerProfile } from './per-profile.svelte';

class Counter {
  count = $state(0);
  readonly double = $derived(this.count * 2);
}

describe('one state object per kept key', () => {
  it('gives the same object for a name every time, and another for another name', () => {
    const made: string[] = [];
    const each = new PerProfile((profile) => {
      made.push(profile);
      return { profile };
    });
    expect(each.of('work')).toBe(each.of('work'));
    expect(each.of('home').profile).toBe('home');
    expect(made).toEqual(['work', 'home']);
  });

  it('takes any name, even one that is a property of every object', () => {
    const each = new PerProfile((profile) => ({ profile }));
    expect(each.of('constructor').profile).toBe('constructor');
    expect(each.of('__proto__').profile).toBe('__proto__');
  });

  it('keeps an entry made while a screen rendered up to date after the screen went away', () => {
    const each = new PerProfile(() => new Counter());
    // As a key's card does: `const rotation = $derived(rotations.of(profile.name))`. Made while
    // that runs, the entry's own $derived would belong to the card and die with it.
    let shownThere = -1;
    const screen = $effect.root(() => {
      const entry = $derived(each.of('work'));
      $effect(() => {
        shownThere = entry.double;
      });
    });
    flushSync();
    expect(shownThere).toBe(0);
    screen();
    // The person comes back: another screen shows the same key's state.
    let shown = -1;
    const again = $effect.root(() => {
      $effect(() => {
        shown = each.of('work').double;
      });
    });
    flushSync();
    each.of('work').count = 2;
    flushSync();
    expect(shown).toBe(4);
    again();
  });
});
