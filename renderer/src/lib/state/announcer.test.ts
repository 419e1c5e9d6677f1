import { describe, expect, it, vi } from 'vitest';
import { onFakeClock } from '../../../../testing/renderer/fake-clock';
import { Announcer } from './announcer.svelte';

describe('the window’s announcements for screen readers', () => {
  onFakeClock();

  it('says a message once it is set', () => {
    const announcer = new Announcer();
    announcer.say('Key deleted.');
    vi.advanceTimersByTime(100);
    expect(announcer.message).toBe('Key deleted.');
  });

  it('clears the region first, so the same words said twice are heard twice', () => {
    const announcer = new Announcer();
    announcer.say('Copied.');
    vi.advanceTimersByTime(100);
    announcer.say('Copied.');
    expect(announcer.message).toBe('');
    vi.advanceTimersByTime(100);
    expect(announcer.message).toBe('Copied.');
  });

  it('says only the last of messages given in quick succession', () => {
    const announcer = new Announcer();
    announcer.say('First.');
    announcer.say('Second.');
    vi.advanceTimersByTime(100);
    expect(announcer.message).toBe('Second.');
  });
});
