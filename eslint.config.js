import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { importCycles } from './scripts/lint/import-cycles.js';
import svelteConfig from './svelte.config.js';

/** Who may import what, made executable: the layering in DESIGN.md fails lint when broken. */
const importRules = {
  common: {
    patterns: [
      { group: ['electron', 'electron/*'], message: 'electron/common is pure: no Electron.' },
      {
        group: ['node:*', 'keytar', '@aws-sdk/*'],
        message: 'electron/common is pure: no Node or side effects.',
      },
      {
        group: ['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**'],
        message: 'electron/common imports nothing above it.',
      },
    ],
  },
  core: {
    paths: [
      {
        name: 'electron',
        message: 'core never imports Electron: go through the Platform interface.',
      },
    ],
    patterns: [
      {
        group: ['electron/*'],
        message: 'core never imports Electron: go through the Platform interface.',
      },
      {
        group: ['**/main/**', '**/preload/**', '**/renderer/**'],
        message: 'core must not depend on the shell or the UI.',
      },
    ],
  },
  electron: {
    patterns: [
      { group: ['**/renderer/**'], message: 'Nothing in electron/ imports the renderer.' },
    ],
  },
};

/** Test-only code (testing/, e2e/) is for tests: production code never imports it. */
const testCode = {
  group: ['**/testing/**', '**/e2e/**'],
  message: 'Production code never imports test-only code (testing/, e2e/).',
};
const coreNeverCli = {
  group: ['**/cli/**'],
  message: 'core serves the command line; it never imports it.',
};

/** A layer's rules for its production files, and the same without the test-code rule for tests. */
function layer(rules, extra = []) {
  return {
    production: { ...rules, patterns: [...rules.patterns, ...extra, testCode] },
    tests: { ...rules, patterns: [...rules.patterns, ...extra] },
  };
}
const layers = {
  common: layer(importRules.common),
  core: layer(importRules.core, [coreNeverCli]),
  electron: layer(importRules.electron),
};
const testFiles = ['**/*.test.ts'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'e2e/artifacts/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.e2e.json', './tsconfig.renderer.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, svelteConfig },
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The folder itself is let through too: a file under an excluded folder cannot be.
              group: ['**/electron/**', '!**/electron/common', '!**/electron/common/**'],
              message: 'The renderer talks to main only through window.keyward (lib/api.ts).',
            },
            {
              // Pure rule modules the window and main share, so a rule is written once.
              group: [
                '**/electron/common/**',
                '!**/electron/common/activity',
                '!**/electron/common/credential-use',
                '!**/electron/common/desktop',
                '!**/electron/common/fix-rules',
                '!**/electron/common/key-rules',
                '!**/electron/common/key-shapes',
                '!**/electron/common/offboard',
                '!**/electron/common/profile-names',
                '!**/electron/common/regions',
              ],
              allowTypeImports: true,
              message:
                'The renderer imports only types (and the shared rules) from electron/common.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/common/**'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', layers.common.production] },
  },
  {
    files: ['electron/common/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', layers.common.tests] },
  },
  {
    files: ['electron/core/**'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', layers.core.production] },
  },
  {
    files: ['electron/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', layers.core.tests] },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/common/**', 'electron/core/**'],
    rules: { 'no-restricted-imports': ['error', layers.electron.production] },
  },
  {
    files: ['electron/**/*.test.ts'],
    ignores: ['electron/common/**', 'electron/core/**'],
    rules: { 'no-restricted-imports': ['error', layers.electron.tests] },
  },
  importCycles([
    'electron/**/*.{ts,svelte}',
    'renderer/src/**/*.{ts,svelte}',
    'e2e/**/*.ts',
    'testing/**/*.ts',
    'bench/**/*.ts',
  ]),
  {
    // A test that asserts a value exists fails loudly on its own; `!` keeps those tests readable.
    files: ['**/*.test.ts', 'e2e/**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they need nothing.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
  {
    // Electron's typings declare natively created objects (BrowserWindow.getFocusedWindow(), …)
    // as classes, which this rule misreads as forged instances.
    files: ['electron/main/**'],
    rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'bin/keyward'],
    ...tseslint.configs.disableTypeChecked,
  },
);
