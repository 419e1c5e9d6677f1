import { newProfileNameProblem } from '../../../electron/common/profile-names';

/**
 * Checks the page makes before calling main, so a person sees what is wrong as they type. Main
 * checks the same rules again (the contract's schemas); these copies only shape the form. Key
 * descriptions and key names follow electron/common/key-rules.ts and profile-names.ts, which
 * the page and main share.
 */

export { freeProfileName } from '../../../electron/common/profile-names';

/** Why `name` will not do for a key kept here, or null (the same rule main applies). */
export function profileNameProblem(name: string, taken: readonly string[]): string | null {
  const problem = newProfileNameProblem(name);
  if (problem) return problem;
  if (taken.includes(name))
    return `A key called “${name}” is already kept on this computer. Choose another name.`;
  return null;
}

export { userNamePattern } from '../../../electron/common/key-shapes';

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

/**
 * The 6 digits of an MFA code as typed or pasted: authenticator apps show "123 456", and people
 * copy "123-456" too. Null when it is not 6 digits.
 */
export function mfaCodeOf(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
