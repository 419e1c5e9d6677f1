import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { BatchPerson } from '../electron/common/batch';
import type { SecretStore } from '../electron/core/vault/secret-store';
import { signedInCore } from './bench-keyward';
import type { Figure } from './figures';
import { latencyMs, rateLimit } from './measure-iam';
import { SandboxProcess } from './sandbox-client';

/** The batch: 50 people. */
const people = 50;
/** Generated users have one or two keys; enough of them have one (room for a new key). */
const users = 200;

/**
 * Creating keys for 50 people at once, each sealed to their own receiving code and written into
 * one folder, at the 50 ms latency and 20 requests/second (core.batch.run, what the
 * window's "Create N keys" and `keyward keys create --users-file` run).
 */
export async function measureBatch(store: SecretStore): Promise<Figure[]> {
  const sandbox = await SandboxProcess.start({ users, latencyMs, rateLimit });
  const session = await signedInCore(store, sandbox.info);
  const { core } = session;
  const outDir = mkdtempSync(path.join(tmpdir(), 'keyward-bench-batch-'));
  try {
    const chosen: BatchPerson[] = [];
    const page = await core.keyAdmin.listUsers({ cursor: null, filter: '', pageSize: users });
    for (const user of page.users) {
      if (chosen.length === people) break;
      if (user.userName === sandbox.info.admin.userName) continue;
      if ((await core.keyAdmin.listKeys(user.userName)).length >= 2) continue;
      const code = await identityToRecipient(await generateX25519Identity());
      chosen.push({ userName: user.userName, lock: { kind: 'code', code }, description: null });
    }
    if (chosen.length < people) throw new Error(`only ${String(chosen.length)} users have room`);
    // The listing above spent the bucket; the batch starts from a full one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await sandbox.reset();

    const started = performance.now();
    const result = await core.batch.run({ people: chosen, outDir });
    const seconds = (performance.now() - started) / 1000;
    const stats = await sandbox.stats();
    const done = result.people.filter((person) => person.status === 'done').length;
    if (done !== people) {
      const refused = result.people.find((person) => person.status === 'refused');
      throw new Error(
        `${String(people - done)} people refused: ${refused?.status === 'refused' ? refused.reason : ''}`,
      );
    }
    return [
      {
        name: 'batch_create_50_seconds',
        value: seconds,
        unit: 's',
        target: { op: '<=', value: 10 },
        how:
          `core.batch.run for ${String(people)} people, each key sealed to its own receiving code ` +
          `and written as USER.keyward; sandbox of ${String(users)} users, ${String(latencyMs)} ms ` +
          `latency, ${String(rateLimit.perSecond)} req/s token bucket (burst ${String(rateLimit.burst)})`,
        details: { calls: stats.calls, throttledBySandbox: stats.throttled, done },
      },
    ];
  } finally {
    await session.close();
    await sandbox.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
