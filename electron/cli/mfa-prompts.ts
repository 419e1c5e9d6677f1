import { openSync, closeSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import type { MfaPrompt, MfaRequest } from '../core/sessions/mfa-prompt';
import type { CliIo } from './command-spec';

/**
 * Who the command line asks for an MFA code: the packaged app's window when it gave one, else the
 * terminal the command runs in, else nobody (the caller then says how to start a session first).
 */
export function mfaPromptFor(io: Pick<CliIo, 'mfaPrompt'>): MfaPrompt | null {
  return io.mfaPrompt ?? terminalPrompt();
}

/**
 * The controlling terminal, /dev/tty: not stdin or stderr, because the AWS CLI runs
 * credential_process with both piped and shows nothing of them until it ends.
 */
export function terminalPrompt(ttyPath = '/dev/tty'): MfaPrompt | null {
  if (process.platform === 'win32') return null;
  let fd: number;
  try {
    fd = openSync(ttyPath, 'r+');
  } catch {
    return null;
  }
  closeSync(fd);
  return { ask: (request) => askOnTerminal(ttyPath, request) };
}

async function askOnTerminal(ttyPath: string, request: MfaRequest): Promise<string | null> {
  const readFd = openSync(ttyPath, 'r');
  const writeFd = openSync(ttyPath, 'w');
  const input = new ReadStream(readFd);
  const output = new WriteStream(writeFd);
  try {
    if (request.problem) output.write(`${request.problem}\n`);
    output.write(
      `MFA code for Keyward profile "${request.profile}" (AWS account ${request.accountId}, device ${request.serialNumber}): `,
    );
    const line = await firstLine(input);
    return line === null || line.trim() === '' ? null : line.trim();
  } finally {
    input.destroy();
    output.destroy();
  }
}

/** The first line typed; null when the terminal closes (Ctrl+D) first. */
function firstLine(input: ReadStream): Promise<string | null> {
  return new Promise((resolve) => {
    let typed = '';
    const done = (value: string | null) => {
      input.removeAllListeners('data');
      resolve(value);
    };
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      typed += chunk;
      const end = typed.search(/\r?\n/);
      if (end >= 0) done(typed.slice(0, end));
    });
    input.once('end', () => {
      done(null);
    });
    input.once('error', () => {
      done(null);
    });
  });
}
