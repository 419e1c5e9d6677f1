import { createUserSearch, userSearchText } from '../renderer/src/lib/user-search';
import type { IamUserSummary } from '../electron/common/domain';
import type { SecretStore } from '../electron/core/vault/secret-store';
import { signedInCore } from './bench-keyward';
import type { Figure } from './figures';
import { median } from './figures';
import { SandboxProcess } from './sandbox-client';

/** The sandbox: 50 ms per request and a 20 requests/second token bucket (burst 20). */
export const latencyMs = 50;
export const rateLimit = { perSecond: 20, burst: 20 };
const firstPageSize = 100;

/** Keeps what the figures loaded alive until peak memory is read. */
export const held: unknown[] = [];

/**
 * Against 10,000 users: the first page of users, filtering all of them once loaded, and the
 * credential-report audit.
 */
export async function measureTenThousandUsers(
  store: SecretStore,
  users: number,
): Promise<Figure[]> {
  const sandbox = await SandboxProcess.start({ users, latencyMs, rateLimit });
  const session = await signedInCore(store, sandbox.info);
  const { core } = session;
  const figures: Figure[] = [];
  try {
    const sandboxNote = `sandbox: ${String(sandbox.info.users)} users, ${String(latencyMs)} ms latency, ${String(rateLimit.perSecond)} req/s token bucket (burst ${String(rateLimit.burst)})`;

    let started = performance.now();
    const first = await core.keyAdmin.listUsers({
      cursor: null,
      filter: '',
      pageSize: firstPageSize,
    });
    figures.push({
      name: 'users_first_page_ms',
      value: performance.now() - started,
      unit: 'ms',
      target: { op: '<=', value: 2 * latencyMs + 50 },
      how: `keyward.keyAdmin.listUsers({ pageSize: ${String(firstPageSize)} }) right after sign-in, first call timed once; ${sandboxNote}`,
      details: { users: first.users.length },
    });

    const loaded: IamUserSummary[] = [];
    let cursor: string | null = null;
    started = performance.now();
    do {
      const page = await core.keyAdmin.listUsers({ cursor, filter: '', pageSize: 1000 });
      loaded.push(...page.users);
      cursor = page.cursor;
    } while (cursor !== null);
    const loadMs = performance.now() - started;
    held.push(loaded);
    figures.push(filterFigure(loaded, loadMs));

    await sandbox.reset();
    started = performance.now();
    const audit = await core.audit.run();
    const seconds = (performance.now() - started) / 1000;
    const stats = await sandbox.stats();
    held.push(audit);
    const detail = { rows: audit.rows.length, source: audit.source, throttled: stats.throttled };
    const how = `core.audit.run() (credential report), timed from call to result; ${sandboxNote}`;
    figures.push(
      {
        name: 'audit_report_seconds',
        value: seconds,
        unit: 's',
        target: { op: '<=', value: 5 },
        how,
        details: detail,
      },
      {
        name: 'audit_report_calls',
        value: stats.calls,
        unit: 'calls',
        target: { op: '<=', value: 10 },
        how: 'requests the sandbox received during the audit',
      },
    );
  } finally {
    await session.close();
    await sandbox.close();
  }
  return figures;
}

/**
 * A keystroke over every loaded user. Each of the 50 queries is a different fragment of a
 * different name, so none narrows the previous answer: every one scans all users (the worst case).
 */
function filterFigure(users: readonly IamUserSummary[], loadMs: number): Figure {
  const search = createUserSearch(users, userSearchText);
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < 50; i++) {
    const name = users[(i * 7919) % users.length]?.userName ?? 'a';
    const query = name.slice(i % 3, (i % 3) + 2 + (i % 4));
    const started = performance.now();
    matched += search.filter(query).length;
    times.push(performance.now() - started);
  }
  return {
    name: 'users_filter_ms',
    value: median(times),
    unit: 'ms',
    target: { op: '<=', value: 16 },
    how: `createUserSearch(users).filter(query) over ${String(users.length)} users loaded with core.keyAdmin.listUsers (pages of 1,000); median of 50 keystrokes, each a full scan`,
    details: { users: users.length, maxMs: Math.max(...times), loadAllMs: loadMs, matched },
  };
}

/** The per-user audit of 2,000 users, forced as if the credential report were refused. */
export async function measureCrawl(store: SecretStore, users: number): Promise<Figure[]> {
  const sandbox = await SandboxProcess.start({ users, latencyMs, rateLimit });
  const session = await signedInCore(store, sandbox.info);
  try {
    await sandbox.reset();
    const started = performance.now();
    let surfaced = 0;
    const audit = await session.core.audit.run({ source: 'per-user' }).catch((error: unknown) => {
      surfaced += 1;
      throw error;
    });
    const seconds = (performance.now() - started) / 1000;
    const stats = await sandbox.stats();
    const admittedPerSecond = (stats.calls - stats.throttled) / seconds;
    const how = `core.audit.run({ source: 'per-user' }) over ${String(sandbox.info.users)} users; sandbox ${String(latencyMs)} ms latency, ${String(rateLimit.perSecond)} req/s token bucket (burst ${String(rateLimit.burst)})`;
    return [
      {
        name: 'audit_crawl_seconds',
        value: seconds,
        unit: 's',
        how,
        details: { rows: audit.rows.length, errorsSurfaced: surfaced },
      },
      {
        name: 'audit_crawl_calls',
        value: stats.calls,
        unit: 'calls',
        how: 'requests the sandbox received during the audit, Throttling answers included',
        details: { throttled: stats.throttled },
      },
      {
        name: 'audit_crawl_rate_ratio',
        value: admittedPerSecond / rateLimit.perSecond,
        unit: '× limit',
        target: { op: '>=', value: 0.9 },
        how: '(requests answered without Throttling ÷ audit seconds) ÷ the sandbox limit',
        details: { admittedPerSecond, throttled: stats.throttled },
      },
    ];
  } finally {
    await session.close();
    await sandbox.close();
  }
}
