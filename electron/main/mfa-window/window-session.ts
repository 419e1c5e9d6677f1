import { createInterface } from 'node:readline';
import { mfaCodePattern } from '../../common/credential-use';
import type { MfaWindowNext, MfaWindowRequest } from '../../common/mfa-window';
import { encodeLine, parseToWindow } from './protocol';
import type { FromWindow, ToWindow } from './protocol';

/**
 * The MFA window process's side of the conversation, without Electron: it holds the question the
 * command process asked until the page takes it, passes the page's answer back, and says when
 * the window should close. Electron's glue (run-mfa-window.ts), the e2e harness and the unit
 * tests' stand-in window all drive this same object.
 */
export class MfaWindowSession {
  readonly #send: (message: FromWindow) => void;
  readonly #finish: () => void;
  /** The question not yet handed to the page. */
  #waiting: MfaWindowRequest | null = null;
  /** A question was asked and not answered yet. */
  #open = false;
  #finished = false;
  #pageWaits: ((next: MfaWindowNext) => void) | null = null;

  constructor(send: (message: FromWindow) => void, finish: () => void) {
    this.#send = send;
    this.#finish = finish;
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** The window is on screen: the command process stops waiting for it to start. */
  shown(): void {
    if (!this.#finished) this.#send({ shown: true });
  }

  fromParent(message: ToWindow): void {
    if (this.#finished) return;
    if ('done' in message) {
      this.#end();
      return;
    }
    this.#open = true;
    this.#waiting = message.ask;
    this.#handOver();
  }

  /** The page asks what to show next. */
  next(): Promise<MfaWindowNext> {
    if (this.#finished) return Promise.resolve({ done: true });
    return new Promise((resolve) => {
      // A page that asks twice gets its answer on the later call only.
      this.#pageWaits?.({ done: true });
      this.#pageWaits = resolve;
      this.#handOver();
    });
  }

  /** The page hands a code on; false when it is not six digits or nothing is being asked. */
  submit(code: unknown): boolean {
    if (this.#finished || !this.#open) return false;
    if (typeof code !== 'string' || !mfaCodePattern.test(code)) return false;
    this.#open = false;
    this.#waiting = null;
    this.#send({ code });
    return true;
  }

  /** Cancel, Escape, or closing the window: the command stops, and the window closes. */
  cancel(): void {
    if (this.#finished) return;
    this.#send({ cancel: true });
    this.#end();
  }

  /** The command process is gone (its end of the pipe closed): nothing left to ask for. */
  parentGone(): void {
    if (!this.#finished) this.#end();
  }

  #handOver(): void {
    if (this.#waiting === null || this.#pageWaits === null) return;
    const resolve = this.#pageWaits;
    const ask = this.#waiting;
    this.#pageWaits = null;
    this.#waiting = null;
    resolve({ ask });
  }

  #end(): void {
    this.#finished = true;
    this.#waiting = null;
    this.#pageWaits?.({ done: true });
    this.#pageWaits = null;
    this.#finish();
  }
}

/**
 * A session speaking JSON lines: questions come in on `input` (the window process's stdin),
 * answers go out on `output` (its stdout). Lines that are not questions are ignored.
 */
export function sessionOverPipes(
  input: NodeJS.ReadableStream,
  output: { write(text: string): unknown },
  finish: () => void,
): MfaWindowSession {
  const session = new MfaWindowSession((message) => output.write(encodeLine(message)), finish);
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const message = parseToWindow(line);
    if (message) session.fromParent(message);
  });
  lines.on('close', () => {
    session.parentGone();
  });
  return session;
}
