/**
 * A field's answer to "will this do?" before saving. When it will not, focus goes to the field,
 * so its problem (announced with it) is what the person hears and sees next.
 */
export function readyOrFocus(id: string, problem: string | null): boolean {
  if (problem === null) return true;
  document.getElementById(id)?.focus();
  return false;
}
