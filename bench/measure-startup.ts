import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleForNode, root } from './bundle';
import type { Figure } from './figures';
import { median, skipped } from './figures';

const importRuns = 7;

/** Cold import of what main needs for the first screen, in fresh Node processes. */
export async function measureMainImport(): Promise<Figure> {
  const how =
    'bench/first-screen.ts (core/ipc/dispatch + core/handlers + core/compose + core/vault, no Electron) ' +
    'bundled with Vite like electron-vite builds main, then `node --input-type=module -e "await import(bundle)"` ' +
    `timed around the import inside ${String(importRuns)} fresh processes; median`;
  let bundle: string;
  try {
    bundle = await bundleForNode('bench/first-screen.ts', 'first-screen');
  } catch (error) {
    return skipped('main_import_ms', 'ms', `could not bundle: ${message(error)}`, how);
  }
  const script =
    'const t = performance.now(); await import(process.argv[1]); ' +
    'process.stdout.write(String(performance.now() - t));';
  const times: number[] = [];
  for (let run = 0; run < importRuns; run++) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, bundle], {
      cwd: root,
      encoding: 'utf8',
    });
    const ms = Number(child.stdout);
    if (child.status !== 0 || !Number.isFinite(ms)) {
      return skipped('main_import_ms', 'ms', `import failed: ${child.stderr.slice(0, 300)}`, how);
    }
    times.push(ms);
  }
  return {
    name: 'main_import_ms',
    value: median(times),
    unit: 'ms',
    target: { op: '<=', value: 300 },
    how,
    details: { runsMs: times },
  };
}

/** The renderer's JavaScript after a production build, gzipped as a web server would send it. */
export function measureRendererSize(): Figure {
  const command = 'npx electron-vite build';
  const how = `${command}, then gzip (zlib default level) of each out/renderer/assets/*.js, summed`;
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    return skipped(
      'renderer_js_gzip_kb',
      'KB',
      `${command} failed: ${build.stderr.slice(-300)}`,
      how,
    );
  }
  const assets = path.join(root, 'out/renderer/assets');
  const files = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const sizes = Object.fromEntries(
    files.map((file) => [file, gzipSync(readFileSync(path.join(assets, file))).length]),
  );
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  return {
    name: 'renderer_js_gzip_kb',
    value: total / 1024,
    unit: 'KB',
    target: { op: '<=', value: 150 },
    how,
    details: { gzipBytes: sizes },
  };
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
