// The sandbox in a process of its own, so the benchmark's timings and memory are Keyward's, not
// the sandbox's: its XML, SigV4 checks and 10,000-user model do not share Keyward's event loop.
import { startSandbox } from '../e2e/sandbox';
import type { Sandbox } from '../e2e/sandbox';
import { benchSeed } from './bench-seed';
import type { SandboxReply, SandboxRequest } from './sandbox-protocol';

let sandbox: Sandbox | undefined;

function reply(message: SandboxReply): void {
  process.send?.(message);
}

process.on('message', (message: SandboxRequest) => {
  void handle(message).catch((error: unknown) => {
    reply({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  });
});

async function handle(message: SandboxRequest): Promise<void> {
  switch (message.kind) {
    case 'start': {
      sandbox = await startSandbox({
        seed: benchSeed(message.users),
        latencyMs: message.latencyMs,
        rateLimit: message.rateLimit,
      });
      // Sandbox-only credentials, passed to the parent so it can sign in as the admin.
      reply({
        kind: 'started',
        endpoint: sandbox.endpoint,
        accountId: sandbox.accountId,
        users: sandbox.state.users.size,
        admin: sandbox.admin,
      });
      return;
    }
    case 'stats':
      reply({
        kind: 'stats',
        calls: sandbox?.stats.calls() ?? 0,
        throttled: sandbox?.stats.throttled() ?? 0,
      });
      return;
    case 'reset':
      sandbox?.stats.reset();
      reply({ kind: 'ok' });
      return;
    case 'close':
      await sandbox?.close();
      reply({ kind: 'ok' });
      process.disconnect();
      return;
  }
}
