import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { RateLimit } from '../e2e/sandbox';
import type { SandboxReply, SandboxRequest } from './sandbox-protocol';

type Started = Extract<SandboxReply, { kind: 'started' }>;

/** A sandbox running in a child process, driven one request at a time. */
export class SandboxProcess {
  readonly #child: ChildProcess;
  #pending: ((reply: SandboxReply) => void) | null = null;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (reply: SandboxReply) => {
      const resolve = this.#pending;
      this.#pending = null;
      resolve?.(reply);
    });
  }

  static async start(options: {
    users: number;
    latencyMs: number;
    rateLimit: RateLimit;
  }): Promise<SandboxProcess & { info: Started }> {
    const child = fork(path.join(import.meta.dirname, 'sandbox-process.ts'), {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const sandbox = new SandboxProcess(child);
    const reply = await sandbox.#ask({ kind: 'start', ...options });
    if (reply.kind !== 'started')
      throw new Error(`sandbox did not start: ${JSON.stringify(reply)}`);
    return Object.assign(sandbox, { info: reply });
  }

  async stats(): Promise<{ calls: number; throttled: number }> {
    const reply = await this.#ask({ kind: 'stats' });
    if (reply.kind !== 'stats') throw new Error(`unexpected answer: ${JSON.stringify(reply)}`);
    return { calls: reply.calls, throttled: reply.throttled };
  }

  async reset(): Promise<void> {
    await this.#ask({ kind: 'reset' });
  }

  async close(): Promise<void> {
    if (!this.#child.connected) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    await this.#ask({ kind: 'close' });
    await exited;
  }

  #ask(request: SandboxRequest): Promise<SandboxReply> {
    if (this.#pending) throw new Error('one sandbox request at a time');
    return new Promise((resolve, reject) => {
      this.#pending = (reply) => {
        if (reply.kind === 'error') reject(new Error(reply.message));
        else resolve(reply);
      };
      this.#child.send(request);
    });
  }
}
