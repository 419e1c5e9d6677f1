/**
 * Checks the page makes before calling main, so a person sees what is wrong as they type. Main
 * checks the same rules again (electron/core/aws/description-rules.ts and the contract's schemas);
 * these copies only shape the form.
 */

/** IAM's allowed characters for tag values: letters, spaces, numbers and _ . : / = + - @ */
const tagValuePattern = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function descriptionProblem(description: string): string | null {
  const characters = Array.from(description);
  if (characters.length > 256) {
    return `The description is ${String(characters.length)} characters long; AWS allows at most 256.`;
  }
  const bad = characters.find((ch) => !tagValuePattern.test(ch));
  if (bad !== undefined) {
    return `The description cannot contain “${bad}”. Use letters, numbers, spaces and these signs only: _ . : / = + - @`;
  }
  return null;
}

export const profileNamePattern = /^[A-Za-z0-9._-]{1,64}$/;

export function profileNameProblem(name: string, taken: readonly string[]): string | null {
  if (name === '') return 'Give the key a name.';
  if (!profileNamePattern.test(name)) {
    return 'Use up to 64 letters, digits, dashes (-), underscores (_) or dots (.), with no spaces, for example “work”.';
  }
  if (taken.includes(name))
    return `A key called “${name}” is already kept on this computer. Choose another name.`;
  return null;
}

/** The first free name among "work", "work-2", "work-3", … */
export function freeProfileName(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 56) || 'work';
  if (!taken.includes(clean)) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}-${String(n)}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

export const userNamePattern = /^[\w+=,.@-]{1,64}$/;

/** A receiving code is an age public key: "age1" and 58 more lower-case letters and digits. */
export const receivingCodePattern = /^age1[0-9a-z]{58}$/;

export function receivingCodesIn(text: string): { codes: string[]; problem: string | null } {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { codes: [], problem: 'Paste your colleague’s receiving code.' };
  const bad = parts.find((part) => !receivingCodePattern.test(part));
  if (bad !== undefined) {
    return {
      codes: [],
      problem: `“${bad.length > 24 ? `${bad.slice(0, 24)}…` : bad}” is not a receiving code. A receiving code starts with “age1” and is 62 characters long.`,
    };
  }
  if (parts.length > 10) return { codes: [], problem: 'Use at most 10 receiving codes.' };
  return { codes: [...new Set(parts)], problem: null };
}

export const mfaCodePattern = /^\d{6}$/;
