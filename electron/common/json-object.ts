/**
 * The JSON object in `text`, or null for anything else (not JSON, an array, a number). No imports:
 * the fast credential-process entry checks keychain entries with it.
 */
export function jsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
