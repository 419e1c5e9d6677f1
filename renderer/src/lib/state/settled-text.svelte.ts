/**
 * A text that follows another once it has stopped changing for a moment, for a status region:
 * screen readers hear a count once typing pauses, not after every key. Create it while a
 * component initialises; the timer goes with the component.
 */
export class SettledText {
  current = $state('');

  constructor(text: () => string, delayMs = 700) {
    $effect(() => {
      const value = text();
      const timer = setTimeout(() => {
        this.current = value;
      }, delayMs);
      return () => {
        clearTimeout(timer);
      };
    });
  }
}
