import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import svelteParser from 'svelte-eslint-parser';
import tseslint from 'typescript-eslint';

/**
 * No import cycles in the app, its tests and tools, type-only imports included: a cycle makes two
 * modules one in all but name, whether or not the compiler erases the edge that closes it (the
 * keyward → audit-service → run-audit → keyward cycle was one `import type` away from harmless,
 * and the design still tangled).
 *
 * The graph walk is import-x/no-cycle's. It skips `import type` on purpose and has no option to
 * count it, so type-only imports are presented to it as plain imports at its two inputs: the file
 * being linted (`noCycle` below) and the files it reads to follow the graph (`parseForESLint`,
 * the dependency parser named in its settings).
 */

/** The same import or export, as a value import: what import-x looks at to skip a type-only one. */
function asValueEdge(node) {
  if (!('importKind' in node || 'exportKind' in node)) return node;
  const copy = { ...node };
  if ('importKind' in copy) copy.importKind = 'value';
  if ('exportKind' in copy) copy.exportKind = 'value';
  if (Array.isArray(copy.specifiers)) copy.specifiers = copy.specifiers.map(asValueEdge);
  return copy;
}

const stockNoCycle = importX.rules['no-cycle'];
const noCycle = {
  ...stockNoCycle,
  meta: {
    ...stockNoCycle.meta,
    docs: {
      ...stockNoCycle.meta.docs,
      description: 'import-x/no-cycle, with type-only imports counted as edges.',
    },
  },
  create(context) {
    const visitors = stockNoCycle.create(context);
    return Object.fromEntries(
      Object.entries(visitors).map(([selector, visit]) => [
        selector,
        (node) => visit(node && typeof node === 'object' ? asValueEdge(node) : node),
      ]),
    );
  },
};

/** Every top-level statement of a module, or of a Svelte component's `<script>` blocks. */
function statementsOf(ast) {
  return ast.body.flatMap((node) => (node.type === 'SvelteScriptElement' ? node.body : [node]));
}

/** A statement with its type-only imports and re-exports turned into plain ones. */
function withValueEdges(statement) {
  switch (statement.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
      return asValueEdge(statement);
    default:
      return statement;
  }
}

/**
 * The dependency parser import-x uses to follow the graph (see `import-x/parsers` below): the
 * project's own parsers, then type-only edges made plain and a component's script statements
 * brought to the top, where import-x looks for them.
 */
export function parseForESLint(code, options) {
  const file = options?.filePath ?? '';
  const parsed = file.endsWith('.svelte')
    ? svelteParser.parseForESLint(code, { ...options, parser: tseslint.parser })
    : tseslint.parser.parseForESLint(code, options);
  const ast = { ...parsed.ast, body: statementsOf(parsed.ast).map(withValueEdges) };
  return { ...parsed, ast };
}

const sourceExtensions = ['.ts', '.svelte'];

/** The lint configuration that forbids import cycles in `files`. */
export function importCycles(files) {
  return {
    files,
    plugins: { keyward: { rules: { 'no-cycle': noCycle } } },
    settings: {
      'import-x/extensions': sourceExtensions,
      'import-x/parsers': { [import.meta.filename]: sourceExtensions },
      // Packages are not followed: a cycle through node_modules is not ours to fix.
      'import-x/ignore': ['node_modules'],
      // Resolutions are kept for the whole run (the default forgets them after 30 s; a run takes minutes).
      'import-x/cache': { lifetime: Number.POSITIVE_INFINITY },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: [...sourceExtensions, '.js', '.mjs', '.json'] }),
      ],
    },
    rules: { 'keyward/no-cycle': ['error', { ignoreExternal: true }] },
  };
}
