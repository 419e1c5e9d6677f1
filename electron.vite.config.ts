import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

// Where the build goes: `out/`, or KEYWARD_OUT_DIR so parallel development builds keep apart.
const out = process.env['KEYWARD_OUT_DIR'] ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      rolldownOptions: {
        input: {
          index: 'electron/main/index.ts',
          // Passphrase encryption runs here, off the main event loop; found beside index.js.
          'passphrase-worker': 'electron/core/handoff/passphrase-worker.ts',
          // The `keyward` command line on Node (bin/keyward runs these when built).
          cli: 'electron/cli/index.ts',
          'credential-process': 'electron/cli/credential-process.ts',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      // A sandboxed preload cannot require node_modules: bundle everything into one CJS file.
      externalizeDeps: false,
      rolldownOptions: {
        // mfa: the MFA window's page gets window.keywardMfa only (electron/main/mfa-window/).
        input: { index: 'electron/preload/index.ts', mfa: 'electron/preload/mfa.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: `${out}/renderer`,
      // mfa.html: the small window that asks for an MFA code (electron/main/mfa-window/).
      rolldownOptions: { input: { index: 'renderer/index.html', mfa: 'renderer/mfa.html' } },
    },
    plugins: [svelte({ configFile: '../svelte.config.js' })],
  },
});
