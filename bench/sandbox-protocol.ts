import type { RateLimit } from '../e2e/sandbox';

/** Messages between the benchmark and its sandbox process (Node IPC, JSON). */
export type SandboxRequest =
  | { kind: 'start'; users: number; latencyMs: number; rateLimit: RateLimit }
  | { kind: 'stats' }
  | { kind: 'reset' }
  | { kind: 'close' };

export type SandboxReply =
  | {
      kind: 'started';
      endpoint: string;
      accountId: string;
      users: number;
      admin: { userName: string; accessKeyId: string; secretAccessKey: string };
    }
  | { kind: 'stats'; calls: number; throttled: number }
  | { kind: 'ok' }
  | { kind: 'error'; message: string };
