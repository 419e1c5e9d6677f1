import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';

/**
 * Drives Debian's reference `age` tool. Passphrases are typed into a pseudo-terminal made by
 * `script`, because age reads them only from a terminal; plaintext goes through file descriptor 3
 * (a pipe to this process) so it is never written to disk.
 */

interface RunOptions {
  input?: Uint8Array | string;
  /** Written to fd 3 and closed. */
  fd3Input?: string;
  /** Lines typed into the terminal, each sent once its prompt has appeared on the terminal. */
  prompts?: { prompt: string; answer: string }[];
  timeoutMs?: number;
}

interface RunResult {
  code: number | null;
  stdout: Buffer;
  fd3: Buffer;
  terminal: string;
}

function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const fd3: Buffer[] = [];
  let terminal = '';
  const pending = [...(options.prompts ?? [])];
  const fd3Stream = child.stdio[3];
  if (!(fd3Stream instanceof Duplex)) throw new Error('fd 3 is not a pipe');

  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    terminal += chunk.toString('utf8');
    const next = pending[0];
    if (next && terminal.includes(next.prompt)) {
      pending.shift();
      terminal = '';
      child.stdin.write(`${next.answer}\n`);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    terminal += chunk.toString('utf8');
  });
  fd3Stream.on('data', (chunk: Buffer) => fd3.push(chunk));
  fd3Stream.on('error', () => undefined);
  if (options.fd3Input !== undefined) fd3Stream.end(options.fd3Input);
  if (options.input !== undefined) child.stdin.end(options.input);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${command} timed out; terminal said: ${terminal}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout), fd3: Buffer.concat(fd3), terminal });
    });
  });
}

function check(result: RunResult, what: string): RunResult {
  if (result.code !== 0) throw new Error(`${what} failed (${result.code}): ${result.terminal}`);
  return result;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** `age -d -i <identity file>`, with the hand-off on stdin; returns the plaintext. */
export async function ageDecryptWithIdentity(file: string, identityFile: string): Promise<string> {
  const result = check(await run('age', ['-d', '-i', identityFile], { input: file }), 'age -d -i');
  return result.stdout.toString('utf8');
}

/** `age -r <code> [-a]`, plaintext on stdin; returns the age file. */
export async function ageEncryptToRecipient(
  plaintext: string,
  code: string,
  armored: boolean,
): Promise<Buffer> {
  const args = ['-r', code, ...(armored ? ['-a'] : [])];
  return check(await run('age', args, { input: plaintext }), 'age -r').stdout;
}

/** `age -d <file>`, typing the passphrase at its terminal prompt; returns the plaintext. */
export async function ageDecryptWithPassphrase(path: string, passphrase: string): Promise<string> {
  const result = await run('script', ['-qec', `age -d ${shellQuote(path)} >&3`, '/dev/null'], {
    prompts: [{ prompt: 'Enter passphrase', answer: passphrase }],
  });
  return check(result, 'age -d (passphrase)').fd3.toString('utf8');
}

/** `age -p -a -o <out>`, plaintext through fd 3, typing and confirming the passphrase. */
export async function ageEncryptWithPassphrase(
  plaintext: string,
  passphrase: string,
  out: string,
): Promise<void> {
  const result = await run('script', ['-qec', `age -p -a -o ${shellQuote(out)} <&3`, '/dev/null'], {
    fd3Input: plaintext,
    prompts: [
      { prompt: 'Enter passphrase', answer: passphrase },
      { prompt: 'Confirm passphrase', answer: passphrase },
    ],
  });
  check(result, 'age -p');
}
