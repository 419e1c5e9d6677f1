/**
 * Python's notions of white space, line breaks and shell words, as the AWS CLI's reader
 * (configparser, and shlex for `[profile NAME]`) applies them. JavaScript's differ: its `\s` and
 * `trim()` take U+FEFF (a byte-order mark) for space and leave U+001C–U+001F and U+0085 alone.
 */

/** The characters Python's str.isspace() accepts; str.strip() and re's `\s` use the same set. */
export const pythonSpace =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const leading = new RegExp(`^[${pythonSpace}]*`);
const oneSpace = new RegExp(`^[${pythonSpace}]$`);

/** The white space a line starts with (configparser compares its length to find continuations). */
export function leadingSpace(text: string): string {
  return leading.exec(text)?.[0] ?? '';
}

export function pyRstrip(text: string): string {
  // A loop rather than /\s*$/, which takes quadratic time on a long run of inner spaces.
  let end = text.length;
  while (end > 0 && oneSpace.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

export function pyStrip(text: string): string {
  return pyRstrip(text.slice(leadingSpace(text).length));
}

/** The ASCII file, group and record separators, which Python's str.splitlines() ends lines at. */
const separators = '\\x1c-\\x1e';
/** Python's str.splitlines() boundaries: more than \n and \r. */
const lineBreaks = new RegExp(`\\r\\n|[\\n\\r\\v\\f${separators}\\x85\\u2028\\u2029]`);

export function pySplitlines(text: string): string[] {
  return text.split(lineBreaks);
}

const shellSpace = ' \t\r\n';

/**
 * Python's shlex.split(text) (POSIX mode, no comments), or null where it raises ValueError (an
 * unclosed quote, a trailing backslash). botocore splits `profile NAME` headers with it.
 */
export function shlexSplit(text: string): string[] | null {
  const chars = Array.from(text);
  let at = 0;
  let state: string | null = ' ';
  const words: string[] = [];
  for (;;) {
    let word = '';
    let quoted = false;
    let escaped = ' ';
    for (;;) {
      const next = chars[at++] ?? '';
      if (state === null) break;
      if (state === ' ' || state === 'a') {
        if (next === '') {
          state = null;
          break;
        }
        if (shellSpace.includes(next)) {
          state = ' ';
          if (word !== '' || quoted) break;
          continue;
        }
        if (next === '\\') {
          escaped = 'a';
          state = '\\';
        } else if (next === '"' || next === "'") {
          state = next;
        } else {
          word += next;
          state = 'a';
        }
      } else if (state === '"' || state === "'") {
        quoted = true;
        if (next === '') return null;
        if (next === state) state = 'a';
        else if (next === '\\' && state === '"') {
          escaped = state;
          state = '\\';
        } else word += next;
      } else {
        // After a backslash: inside double quotes it escapes only " and \ and is kept otherwise.
        if (next === '') return null;
        if (escaped === '"' && next !== '\\' && next !== '"') word += '\\';
        word += next;
        state = escaped;
      }
    }
    if (word === '' && !quoted) return words;
    words.push(word);
  }
}
