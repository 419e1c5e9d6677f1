import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');
export const cacheDir = path.join(root, 'node_modules/.cache/keyward-bench');

/**
 * Bundles `entry` for Node the way electron-vite bundles main (Vite/Rolldown, dependencies left
 * in node_modules, dynamic imports split into chunks), so timings are of shipped code rather
 * than of tsx compiling TypeScript on the fly. Returns the bundle's file URL.
 */
export async function bundleForNode(entry: string, name: string): Promise<string> {
  const { build } = await import('vite');
  const outDir = path.join(cacheDir, name);
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rolldownOptions: {
        output: {
          format: 'es',
          entryFileNames: '[name].mjs',
          chunkFileNames: 'chunks/[name]-[hash].mjs',
        },
      },
    },
  });
  return pathToFileURL(path.join(outDir, `${path.basename(entry, path.extname(entry))}.mjs`)).href;
}
