/**
 * The one logger. Lines name the operation and a masked key id, never a value. `redact` is the
 * backstop for anything that still looks like a secret.
 */

// 40 characters of base64 alphabet is the shape of an AWS secret access key; session tokens and
// age secret keys have their own recognisable shapes.
const secretShapes: RegExp[] = [
  /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
  /AGE-SECRET-KEY-1[0-9A-Z]+/g,
  /(?<=(?:session|security)[_-]?token["'=:\s]+)[A-Za-z0-9/+=]{16,}/gi,
  // An assignment (`secret=…`, `"passphrase": "…"`), not the word in a sentence ("That passphrase does…").
  /(?<=(?:secret[_-]?access[_-]?key|secret|passphrase|password)["']?\s*[=:]\s*["']?)[^\s"',;]+/gi,
];
const accessKeyId = /\b((?:AKIA|ASIA)[A-Z0-9]{12})([A-Z0-9]{4})\b/g;

export function maskKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : '…';
}

/** Removes anything shaped like a secret; key ids (not secret) stay readable for people. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const shape of secretShapes) out = out.replace(shape, '[redacted]');
  return out;
}

/** For log lines: secrets removed and key ids masked as well. */
export function redact(text: string): string {
  return redactSecrets(text).replace(
    accessKeyId,
    (_, head: string, tail: string) => `${head.slice(0, 4)}…${tail}`,
  );
}

export type LogSink = (line: string) => void;

let sink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/** Tests and the command line redirect log lines (the command line keeps stdout for output). */
export function setLogSink(next: LogSink): void {
  sink = next;
}

export function log(scope: string, message: string): void {
  sink(redact(`[${scope}] ${message}`));
}

/** Turns any error into one log line: its class and message, redacted, without a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'non-error value thrown';
}
