// `npm run bench` (node --import tsx bench/run.ts): measures, prints one line per figure and
// writes bench/results.json. It reports misses with MISS and always exits 0: it measures, it
// does not judge. Options: --only iam,people,crawl,audit-fix,startup,renderer,credential-process
// --users N (default 10000) --crawl-users N (default 2000).
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setLogSink } from '../electron/core/log';
import { checkVault } from '../electron/core/vault/vault-status';
import type { SecretStore } from '../electron/core/vault/secret-store';
import { MemoryStore } from '../testing/memory-store';
import { benchKeychain } from './bench-keyward';
import { root } from './bundle';
import { formatFigure, meets, round, skipped, type Figure } from './figures';
import { measureAuditFix } from './measure-audit-fix';
import { measureBatch } from './measure-batch';
import { measureCredentialProcess, measureCredentialSessions } from './measure-credential-process';
import { held, latencyMs, measureCrawl, measureTenThousandUsers, rateLimit } from './measure-iam';
import { measurePeopleTable } from './measure-people';
import { measureMainImport, measureRendererSize, message } from './measure-startup';
import { rerunBenchInKeyringSession } from './keyring-session';

rerunBenchInKeyringSession();

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    users: { type: 'string', default: '10000' },
    'crawl-users': { type: 'string', default: '2000' },
  },
});
const sections = new Set(
  (values.only ?? 'iam,people,crawl,audit-fix,batch,startup,renderer,credential-process')
    .split(',')
    .map((s) => s.trim()),
);
const users = Number(values.users);
const crawlUsers = Number(values['crawl-users']);

// Keyward's log lines would interleave with the figures; the benchmark keeps stdout for those.
const logLines: string[] = [];
setLogSink((line) => logLines.push(line));

const figures: Figure[] = [];
const started = new Date();

async function section(
  name: string,
  fallback: { name: string; unit: string }[],
  run: () => Promise<Figure[]> | Figure[],
) {
  if (!sections.has(name)) return;
  process.stderr.write(`… ${name}\n`);
  try {
    figures.push(...(await run()));
  } catch (error) {
    // A figure that could not be measured is reported as such, never guessed.
    for (const figure of fallback) {
      figures.push(skipped(figure.name, figure.unit, `${name} failed: ${message(error)}`, name));
    }
  }
}

const keychain = benchKeychain();
const vault = await checkVault(keychain, process.platform);
const store: SecretStore =
  vault.state === 'ready' ? keychain : new MemoryStore('memory (no OS keychain reachable)');

await section(
  'iam',
  [
    { name: 'users_first_page_ms', unit: 'ms' },
    { name: 'users_filter_ms', unit: 'ms' },
    { name: 'audit_report_seconds', unit: 's' },
    { name: 'audit_report_calls', unit: 'calls' },
  ],
  () => measureTenThousandUsers(store, users),
);
await section(
  'people',
  [
    { name: 'people_table_first_page_ms', unit: 'ms' },
    { name: 'people_table_first_page_new_report_ms', unit: 'ms' },
  ],
  () => measurePeopleTable(store, users),
);
await section(
  'crawl',
  [
    { name: 'audit_crawl_seconds', unit: 's' },
    { name: 'audit_crawl_calls', unit: 'calls' },
    { name: 'audit_crawl_rate_ratio', unit: '× limit' },
  ],
  () => measureCrawl(store, crawlUsers),
);

await section(
  'audit-fix',
  [
    { name: 'audit_fix_500_rate_ratio', unit: '× limit' },
    { name: 'audit_fix_500_throttling_shown', unit: 'errors' },
  ],
  () => measureAuditFix(store),
);

await section('batch', [{ name: 'batch_create_50_seconds', unit: 's' }], () => measureBatch(store));

// Read before the build steps: they run in child processes, but bundling loads Vite in this one.
if (sections.has('iam')) {
  figures.push({
    name: 'bench_peak_rss_mb',
    value: process.resourceUsage().maxRSS / 1024,
    unit: 'MB',
    target: { op: '<=', value: 250 },
    how:
      'peak resident memory (getrusage maxRSS) of the benchmark process after it held the loaded ' +
      `users and the audits (${String(held.length)} data sets), the sandbox running in a child process`,
  });
}

await section('startup', [{ name: 'main_import_ms', unit: 'ms' }], async () => [
  await measureMainImport(),
]);
await section('renderer', [{ name: 'renderer_js_gzip_kb', unit: 'KB' }], () => [
  measureRendererSize(),
]);
await section(
  'credential-process',
  [
    { name: 'credential_process_ms', unit: 'ms' },
    { name: 'credential_process_vs_node_ratio', unit: '×' },
  ],
  () => measureCredentialProcess(),
);
await section(
  'credential-process',
  [
    { name: 'credential_process_session_hit_ms', unit: 'ms' },
    { name: 'credential_process_session_hit_vs_node_ratio', unit: '×' },
    { name: 'credential_process_session_miss_ms', unit: 'ms' },
  ],
  () => measureCredentialSessions(),
);

for (const figure of figures) console.log(formatFigure(figure));

const git = (command: string) => {
  try {
    return execSync(`git ${command}`, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
};
const cpus = os.cpus();
const results = {
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  command: {
    npm: 'npm run bench',
    actual: [process.execPath, ...process.execArgv, ...process.argv.slice(1)].join(' '),
    options: { sections: [...sections], users, crawlUsers },
  },
  sandbox: { latencyMs, rateLimit, runsIn: 'a child process (bench/sandbox-process.ts)' },
  keychain:
    vault.state === 'ready'
      ? vault.backend
      : `unavailable (${vault.problem}); memory store used for sign-in`,
  machine: {
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    cpu: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadAverage: os.loadavg().map(round),
  },
  git: { commit: git('rev-parse HEAD'), dirty: (git('status --porcelain') ?? '') !== '' },
  figures: figures.map((figure) => ({
    ...figure,
    value: figure.value === null ? null : round(figure.value),
    met: meets(figure),
  })),
  logLines,
};
writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
