// Filtering loaded users as a person types, without asking AWS again. Pure TypeScript with no
// imports: the people list uses it, and `npm run bench` measures this same function.

export interface UserSearch<T> {
  /** Items whose text contains every word of `query` (any case, accents ignored), in order. */
  filter(query: string): readonly T[];
}

/** Lower case without accents: "Zoë" is found by typing "zoe". */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Prepares `items` once (each item's searchable text, normalised) so a keystroke only scans
 * strings. Typing more letters narrows the previous answer instead of scanning everything again.
 */
export function createUserSearch<T>(
  items: readonly T[],
  textOf: (item: T) => string,
): UserSearch<T> {
  const texts = items.map((item) => normaliseForSearch(textOf(item)));
  let last: { words: string[]; indexes: number[] } = {
    words: [],
    indexes: items.map((_, index) => index),
  };
  const all = last.indexes;

  return {
    filter(query) {
      const words = normaliseForSearch(query).split(/\s+/).filter(Boolean);
      if (words.length === 0) return items;
      // Every word of the last query is contained in a word of this one: its matches are a superset.
      const narrows = last.words.every((old) => words.some((word) => word.includes(old)));
      const pool = narrows ? last.indexes : all;
      const indexes = pool.filter((index) => {
        const text = texts[index] ?? '';
        return words.every((word) => text.includes(word));
      });
      last = { words, indexes };
      return indexes.map((index) => items[index] as T);
    },
  };
}

/** What a user is found by: the name, and the path (e.g. /engineering/). */
export function userSearchText(user: { userName: string; path?: string }): string {
  return `${user.userName} ${user.path ?? ''}`;
}
