// What the command process (credential-process in the packaged app, which runs without a display)
// and the MFA window process it starts say to each other: one JSON object a line, over the window
// process's stdin and stdout. Nothing here is secret except the code, which only ever travels
// over this private pipe.
import { mfaCodePattern } from '../../common/credential-use';
import type { MfaWindowRequest } from '../../common/mfa-window';

/** Command process → window: a question, or "done, close" (the command has its session). */
export type ToWindow = { ask: MfaWindowRequest } | { done: true };

/** Window → command process: it is on screen; a code; or the person cancelled (or closed it). */
export type FromWindow = { shown: true } | { code: string } | { cancel: true };

export function encodeLine(message: ToWindow | FromWindow): string {
  return `${JSON.stringify(message)}\n`;
}

/**
 * A line from the window, or null for anything else: Electron and the libraries under it may
 * print their own lines on stdout, which are not answers.
 */
export function parseFromWindow(line: string): FromWindow | null {
  const value = parseObject(line);
  if (value === null) return null;
  if (value['shown'] === true) return { shown: true };
  if (value['cancel'] === true) return { cancel: true };
  const code = value['code'];
  return typeof code === 'string' && mfaCodePattern.test(code) ? { code } : null;
}

/** A line from the command process, or null when it is not one. */
export function parseToWindow(line: string): ToWindow | null {
  const value = parseObject(line);
  if (value === null) return null;
  if (value['done'] === true) return { done: true };
  const ask = value['ask'];
  if (typeof ask !== 'object' || ask === null) return null;
  const { profile, accountId, serialNumber, problem } = ask as Record<string, unknown>;
  if (!shortText(profile) || !shortText(accountId) || !shortText(serialNumber)) return null;
  if (problem !== null && !shortText(problem)) return null;
  return { ask: { profile, accountId, serialNumber, problem } };
}

function parseObject(line: string): Record<string, unknown> | null {
  // Longer than any question or answer: not one of ours.
  if (line.length > 4_096) return null;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function shortText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 1_024;
}
