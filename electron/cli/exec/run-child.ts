import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import type { CliIo } from '../command-spec';

/** What became of the command: its exit code as a shell reports it, or why it never started. */
export type ChildOutcome =
  | { started: true; exitCode: number }
  | { started: false; reason: 'not-found' | 'not-runnable'; errorCode: string };

/**
 * The signals a person or a supervisor sends to stop or interrupt `keyward exec`: they are meant
 * for the command, so Keyward passes them on and stays until the command has ended. A Ctrl+C in
 * a terminal reaches the command directly too (it is in the same process group) and then again
 * from Keyward; npm's run-script and foreground-child do the same, and programs treat a second
 * interrupt as the first. The alternative, a process group of its own, would cut the command off
 * from the terminal.
 */
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the command and waits for it. It shares Keyward's own stdin, stdout and stderr, so it sees
 * the terminal, if any, as Keyward does; nothing here needs one (the packaged app's command mode
 * has none). Streams the caller substituted (tests, embedding) are piped instead.
 */
export function runChild(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  io: Pick<CliIo, 'stdin' | 'stdout' | 'stderr'>,
): Promise<ChildOutcome> {
  const stdio: StdioOptions = [
    io.stdin === process.stdin ? 'inherit' : 'pipe',
    io.stdout === process.stdout ? 'inherit' : 'pipe',
    io.stderr === process.stderr ? 'inherit' : 'pipe',
  ];
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      // No shell: the words reach the command exactly as given, never re-read by a shell.
      child = spawn(command, args, { env, stdio });
    } catch (error) {
      resolve(notStarted(error));
      return;
    }
    const pass = (signal: NodeJS.Signals) => {
      try {
        child.kill(signal);
      } catch {
        // A signal this system does not know: the command keeps running.
      }
    };
    for (const signal of forwarded) process.on(signal, pass);
    const connected = connect(child, io);
    let settled = false;
    const settle = (outcome: ChildOutcome) => {
      if (settled) return;
      settled = true;
      for (const signal of forwarded) process.off(signal, pass);
      connected.disconnect();
      resolve(outcome);
    };
    // Every error is listened to (a failed kill emits one too); only a command that never
    // started is reported: once running, its end is its exit.
    child.on('error', (error) => {
      if (child.pid === undefined) settle(notStarted(error));
    });
    // 'close', not 'exit': piped output is all written by then.
    child.once('close', (code, signal) => {
      settle({ started: true, exitCode: exitCodeOf(code, signal) });
    });
  });
}

/** The shell's convention: the exit code, or 128 + the number of the signal that ended it. */
function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal === null ? undefined : constants.signals[signal];
  return 128 + (number ?? 0);
}

function notStarted(error: unknown): ChildOutcome {
  const errorCode = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';
  return {
    started: false,
    reason: errorCode === 'ENOENT' ? 'not-found' : 'not-runnable',
    errorCode,
  };
}

/** Pipes the substituted streams; `disconnect` stops feeding the command's stdin. */
function connect(
  child: ChildProcess,
  io: Pick<CliIo, 'stdin' | 'stdout' | 'stderr'>,
): { disconnect(): void } {
  child.stdout?.setEncoding('utf8').on('data', (text: string) => io.stdout.write(text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => io.stderr.write(text));
  const input = child.stdin;
  if (!input) return { disconnect: () => undefined };
  // A command that ends without reading all of its input is not an error of Keyward's.
  input.on('error', () => undefined);
  io.stdin.pipe(input);
  return {
    disconnect: () => {
      io.stdin.unpipe(input);
    },
  };
}
