import { applyFix } from '../electron/core/audit/audit-fix-run';
import type { SecretStore } from '../electron/core/vault/secret-store';
import { signedInCore } from './bench-keyward';
import type { Figure } from './figures';
import { latencyMs, rateLimit } from './measure-iam';
import { SandboxProcess } from './sandbox-client';

/** Keys the figure deactivates. */
const fixKeys = 500;
/** Generated users have 1–2 keys, most of them active: 500 users give more than 500 active keys. */
const users = 500;

/**
 * Deactivating 500 keys from the audit (deactivate-unused, 0 days: every active key but the
 * admin's), at the 50 ms latency and 20 requests/second: how close to the limit the fix
 * runs, and how many Throttling errors reach the person (none should).
 */
export async function measureAuditFix(store: SecretStore): Promise<Figure[]> {
  const sandbox = await SandboxProcess.start({ users, latencyMs, rateLimit });
  const session = await signedInCore(store, sandbox.info);
  const { core } = session;
  try {
    await core.audit.run();
    const preview = await core.auditFix.preview('deactivate-unused', 0);
    if (preview.keys.length < fixKeys) {
      throw new Error(`only ${String(preview.keys.length)} active keys to deactivate`);
    }
    // The service carries out whole previews; the figure is about exactly 500 keys, so the same
    // run it uses is given the first 500 of the preview.
    const plan = {
      ...preview,
      keys: preview.keys.slice(0, fixKeys),
      confirmation: String(fixKeys),
    };
    await sandbox.reset();
    const started = performance.now();
    const result = await applyFix({ session: core.session, keyAdmin: core.keyAdmin }, plan);
    const seconds = (performance.now() - started) / 1000;
    const stats = await sandbox.stats();
    const admittedPerSecond = (stats.calls - stats.throttled) / seconds;
    const throttlingShown = result.keys.filter(
      (key) => key.outcome === 'failed' && key.code === 'throttled',
    ).length;
    const how =
      `applyFix (core/audit/audit-fix-run.ts, what core.auditFix.apply runs) on ${String(fixKeys)} ` +
      `active keys of a ${String(users)}-user sandbox, ${String(latencyMs)} ms latency, ` +
      `${String(rateLimit.perSecond)} req/s token bucket (burst ${String(rateLimit.burst)}); ` +
      'each key is re-checked (ListAccessKeys, GetAccessKeyLastUsed) then deactivated through KeyAdmin';
    return [
      {
        name: 'audit_fix_500_rate_ratio',
        value: admittedPerSecond / rateLimit.perSecond,
        unit: '× limit',
        target: { op: '>=', value: 0.9 },
        how: `(requests answered without Throttling ÷ fix seconds) ÷ the sandbox limit; ${how}`,
        details: {
          seconds,
          calls: stats.calls,
          throttledBySandbox: stats.throttled,
          done: result.done,
          skipped: result.skipped,
          failed: result.failed,
        },
      },
      {
        name: 'audit_fix_500_throttling_shown',
        value: throttlingShown,
        unit: 'errors',
        target: { op: '<=', value: 0 },
        how: 'per-key results of the same fix that failed with Throttling (what the person would see)',
      },
    ];
  } finally {
    await session.close();
    await sandbox.close();
  }
}
