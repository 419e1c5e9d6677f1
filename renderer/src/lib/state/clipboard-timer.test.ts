import { describe, expect, it, vi } from 'vitest';
import { onFakeClock } from '../../../../testing/renderer/fake-clock';
import { Announcer } from './announcer.svelte';
import { ClipboardTimer } from './clipboard-timer.svelte';

describe('the countdown after a secret was copied', () => {
  onFakeClock();

  it('counts down beside the button that copied, and says when the clipboard is cleared', () => {
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const timer = new ClipboardTimer(announcer);
    timer.start('profile:work', 3, 'Secret');
    expect(said).toHaveBeenLastCalledWith(
      'Secret copied. Keyward will clear it from the clipboard in 3 seconds.',
    );
    expect(timer.owner).toBe('profile:work');
    vi.advanceTimersByTime(1000);
    expect(timer.secondsLeft).toBe(2);
    vi.advanceTimersByTime(2000);
    expect(timer.owner).toBeNull();
    expect(said).toHaveBeenLastCalledWith('The copied secret was cleared from the clipboard.');
  });

  it('a second copy takes the countdown over: one clipboard, one countdown', () => {
    const timer = new ClipboardTimer(new Announcer());
    timer.start('profile:work', 30, 'Secret');
    vi.advanceTimersByTime(5000);
    timer.start('new-key-passphrase', 30, 'Passphrase');
    expect(timer.owner).toBe('new-key-passphrase');
    expect(timer.secondsLeft).toBe(30);
  });

  it('stops without a word when the secret is forgotten', () => {
    const announcer = new Announcer();
    const said = vi.spyOn(announcer, 'say');
    const timer = new ClipboardTimer(announcer);
    timer.start('new-key-secret', 3, 'Secret');
    timer.stop();
    vi.advanceTimersByTime(5000);
    expect(timer.owner).toBeNull();
    expect(said).toHaveBeenCalledTimes(1);
  });
});
