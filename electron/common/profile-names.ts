// Names of kept keys, written once for both sides: core refuses with these rules, and the page
// checks the same ones as the person types. No imports, so the renderer may import its values.

/**
 * Every name a key can be kept under, including names older versions allowed that start with a
 * dash: such keys must stay reachable (listed, used, removed).
 */
export const profileNamePattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A name for a key kept from now on. It must not start with a dash: `aws --profile -work` and
 * `keyward … --profile -work` read it as an option, so the commands Keyward suggests would fail.
 */
export const newProfileNamePattern = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;

export const profileNameRule =
  'Use up to 64 letters, digits, dashes (-), underscores (_) or dots (.), with no spaces, and do not start with a dash, for example “work”.';

/** Why `name` cannot be given to a key, or null when it can (whether it is free is asked apart). */
export function newProfileNameProblem(name: string): string | null {
  if (name === '') return 'Give the key a name.';
  if (!newProfileNamePattern.test(name)) {
    return name.startsWith('-') && profileNamePattern.test(name)
      ? `A name must not start with a dash: the AWS command line would read “${name}” as an option. ${profileNameRule}`
      : profileNameRule;
  }
  return null;
}

/** The first free name among "work", "work-2", "work-3", …, made from `base` (a user name, say). */
export function freeProfileName(base: string, taken: readonly string[]): string {
  const clean =
    base
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/^-+/, '')
      .slice(0, 56) || 'work';
  if (!taken.includes(clean)) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}-${String(n)}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/**
 * A key name as the person typed it, made into one a key can be kept under: accents come off,
 * spaces become dashes and other characters a name cannot hold go ("my work key" →
 * "my-work-key"). A leading dash stays: the rule above says why it will not do, which beats
 * silently making another name than the one the person meant.
 */
export function normalisedProfileName(typed: string): string {
  return typed
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, 64);
}
