import path from 'node:path';
import tseslint from 'typescript-eslint';
import { ESLint } from 'eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');
const rule = 'keyward/no-cycle';
const fixture = 'testing/lint/import-cycle/*.ts';

/** Which rules report each fixture file. */
async function reportedBy(eslint: ESLint) {
  const results = await eslint.lintFiles([fixture]);
  return results.map((result) => ({
    file: path.relative(root, result.filePath),
    rules: result.messages.map((message) => message.ruleId),
  }));
}

describe('the lint rule against import cycles', () => {
  it('is on for the app, its tests and its tools, dynamic imports included', async () => {
    const eslint = new ESLint({ cwd: root });
    const files = [
      'electron/common/any.ts',
      'electron/core/any.ts',
      'electron/core/any.test.ts',
      'electron/main/any.ts',
      'electron/cli/any.ts',
      'renderer/src/any.svelte',
      'renderer/src/lib/any.svelte.ts',
      'e2e/any.spec.ts',
      'testing/any.ts',
      'bench/any.ts',
    ];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(file)) as {
        rules?: Record<string, unknown>;
      };
      expect(config.rules?.[rule], file).toEqual([
        2,
        { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false },
      ]);
    }
  });

  it('reports a cycle made only of `import type`, with the project’s own configuration', async () => {
    // Inline configuration off: the fixture's own `eslint-disable` is what keeps `eslint .` quiet.
    const eslint = new ESLint({ cwd: root, allowInlineConfig: false });
    expect(await reportedBy(eslint)).toEqual([
      { file: 'testing/lint/import-cycle/a.ts', rules: [rule] },
      { file: 'testing/lint/import-cycle/b.ts', rules: [rule] },
    ]);
  }, 120_000);

  it('needs its wrapper: import-x/no-cycle on its own lets that cycle through', async () => {
    // If this starts failing, import-x counts type-only imports itself and the wrapper can go.
    const eslint = new ESLint({
      cwd: root,
      allowInlineConfig: false,
      overrideConfigFile: true,
      overrideConfig: {
        files: [fixture],
        languageOptions: { parser: tseslint.parser },
        plugins: { 'import-x': importX },
        settings: {
          'import-x/extensions': ['.ts'],
          'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts'] })],
        },
        rules: { 'import-x/no-cycle': 'error' },
      },
    });
    expect(await reportedBy(eslint)).toEqual([
      { file: 'testing/lint/import-cycle/a.ts', rules: [] },
      { file: 'testing/lint/import-cycle/b.ts', rules: [] },
    ]);
  });
});
