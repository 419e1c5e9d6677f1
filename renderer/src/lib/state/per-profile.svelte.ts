/**
 * One state object per kept key, for the whole window (a rotation, a check). Entries are made on
 * first use, which is often while a component renders: a `$derived` made then would belong to
 * that component and go inert once it unmounts (Svelte's `derived_inert`), so a key's card would
 * show stale state for good after the person left the screen once. Each entry is therefore made
 * in an effect root of its own, which no component owns; state classes stored here may use
 * `$derived` freely.
 */
export class PerProfile<T> {
  // Not reactive on purpose (entries are made while rendering, where writing state is refused);
  // a null prototype, since a profile may well be called "constructor".
  readonly #entries: Record<string, T | undefined> = Object.create(null) as Record<
    string,
    T | undefined
  >;
  readonly #make: (profile: string) => T;

  constructor(make: (profile: string) => T) {
    this.#make = make;
  }

  of = (profile: string): T => {
    const known = this.#entries[profile];
    if (known !== undefined) return known;
    let made: T | undefined;
    // Never cleaned up: entries live as long as the window.
    $effect.root(() => {
      made = this.#make(profile);
    });
    const entry = made as T;
    this.#entries[profile] = entry;
    return entry;
  };
}
