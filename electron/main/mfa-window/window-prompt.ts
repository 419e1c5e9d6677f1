import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

import { describeError, log } from '../../core/log';
import type { MfaPrompt, MfaRequest } from '../../core/sessions/mfa-prompt';
import { NobodyToAsk } from '../../core/sessions/mfa-prompt';
import { encodeLine, parseFromWindow } from './protocol';
import type { ToWindow } from './protocol';

export interface WindowPromptOptions {
  /**
   * How to start the MFA window process (see mfaWindowCommand); null when no window can be shown
   * here (Linux without a display), so the fallback is asked at once.
   */
  command: readonly string[] | null;
  env?: NodeJS.ProcessEnv;
  /** Who asks when the window cannot: the terminal, when there is one (terminalPrompt). */
  fallback: () => MfaPrompt | null;
  /**
   * How long the window process may take to put its window on screen before Keyward gives up on
   * it: starting Electron takes a few seconds on a slow computer, never a minute.
   */
  startPatienceMs?: number;
}

export interface WindowMfaPrompt extends MfaPrompt {
  /** Closes the window (the command is done); does nothing when none was opened. */
  close(): void;
}

/**
 * Asks for MFA codes in a small Keyward window. The command process (the packaged app running
 * `credential-process` without a display) cannot show windows itself, so on the first question
 * it starts a second process of the same program that can, and talks to it over its stdin and
 * stdout (protocol.ts). A window that cannot be started or dies before answering hands the
 * question to the fallback; with no fallback either, `ask` rejects with NobodyToAsk (the caller
 * then says how to start a session ahead of time). Codes are never logged.
 */
export function windowMfaPrompt(options: WindowPromptOptions): WindowMfaPrompt {
  return new WindowAsker(options);
}

type Child = ChildProcessByStdio<Writable, Readable, null>;

interface Pending {
  request: MfaRequest;
  resolve: (code: string | null) => void;
  reject: (error: unknown) => void;
}

class WindowAsker implements WindowMfaPrompt {
  readonly #options: WindowPromptOptions;
  #child: Child | null = null;
  /** The window could not be used: every later question goes to the fallback. */
  #failed = false;
  /** The person cancelled or closed the window: later questions are answered "cancelled". */
  #cancelled = false;
  #pending: Pending | null = null;
  #startTimer: NodeJS.Timeout | null = null;
  #fallback: MfaPrompt | null | undefined;

  constructor(options: WindowPromptOptions) {
    this.#options = options;
  }

  ask(request: MfaRequest): Promise<string | null> {
    if (this.#pending)
      return Promise.reject(new Error('The MFA window asks one question at a time.'));
    if (this.#cancelled) return Promise.resolve(null);
    if (this.#failed || this.#options.command === null) return this.#askFallback(request);
    return new Promise((resolve, reject) => {
      this.#pending = { request, resolve, reject };
      const child = this.#child ?? this.#start(this.#options.command ?? []);
      if (child) this.#send(child, { ask: request });
    });
  }

  close(): void {
    this.#clearStartTimer();
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.#send(child, { done: true });
    child.stdin.end();
    // The window closes on its own; this process need not wait for it to exit.
    child.unref();
    child.stdout.destroy();
  }

  #start(command: readonly string[]): Child | null {
    const [program, ...args] = command;
    if (program === undefined) {
      this.#fail('no program to start');
      return null;
    }
    let child: Child;
    try {
      // stderr is not kept: the AWS CLI shows this process's stderr to people, and Electron's
      // start-up chatter there would bury Keyward's one-line message.
      child = spawn(program, args, {
        env: this.#options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'ignore'],
        windowsHide: false,
      });
    } catch (error) {
      this.#fail(`it could not be started: ${describeError(error)}`);
      return null;
    }
    this.#child = child;
    this.#startTimer = setTimeout(() => {
      this.#fail('it did not appear in time');
    }, this.#options.startPatienceMs ?? 60_000);
    child.on('error', (error) => {
      this.#fail(`it could not be started: ${describeError(error)}`);
    });
    // Writing to a window process that has just died must not end this one.
    child.stdin.on('error', () => undefined);
    // 'close' comes after the last line the window wrote has been read. Its helper processes
    // may hold the pipe open a little longer: after it exits, the pipe is closed from this side.
    child.on('exit', () => {
      setTimeout(() => child.stdout.destroy(), 2_000).unref();
    });
    child.on('close', (code, signal) => {
      if (this.#child !== child) return;
      this.#child = null;
      this.#clearStartTimer();
      if (this.#pending) this.#fail(`it ended (${signal ?? `exit code ${String(code)}`})`);
    });
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      if (this.#child === child) this.#receive(line);
    });
    return child;
  }

  #receive(line: string): void {
    const message = parseFromWindow(line);
    if (message === null) return;
    if ('shown' in message) {
      this.#clearStartTimer();
      return;
    }
    if ('cancel' in message) {
      this.#cancelled = true;
      this.#answer(null);
      return;
    }
    this.#answer(message.code);
  }

  #answer(code: string | null): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.resolve(code);
  }

  /** The window is of no use: stop it, and let the fallback answer the open question. */
  #fail(reason: string): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#clearStartTimer();
    const child = this.#child;
    this.#child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill();
    log('mfa-window', `the MFA window was not used: ${reason}`);
    const pending = this.#pending;
    this.#pending = null;
    if (pending) this.#askFallback(pending.request).then(pending.resolve, pending.reject);
  }

  #askFallback(request: MfaRequest): Promise<string | null> {
    if (this.#fallback === undefined) this.#fallback = this.#options.fallback();
    if (this.#fallback === null) return Promise.reject(new NobodyToAsk());
    log('mfa-window', 'asking for the MFA code on the terminal instead');
    return this.#fallback.ask(request);
  }

  #send(child: Child, message: ToWindow): void {
    if (child.stdin.writable) child.stdin.write(encodeLine(message));
  }

  #clearStartTimer(): void {
    if (this.#startTimer !== null) clearTimeout(this.#startTimer);
    this.#startTimer = null;
  }
}
