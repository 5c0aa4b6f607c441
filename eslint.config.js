import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

const ELECTRON_ONLY = 'Only electron/main.ts, electron/preload.ts and electron/platform/ may import electron (design rule 1).';
const PRELOAD_ONLY =
  "The preload is the bridge's Electron end, sandboxed in the page: it imports only electron and shared/bridge/ (design rule 3).";
const WORKER_ONLY =
  "Store worker code runs on its own thread (design rule 4): it imports Node, packages, shared/ and the store's thread contract " +
  '(../protocol, ../errors, ../ciphers, ../import/), never electron, main-side services or the renderer.';

const FEATURES_DIR = path.join(import.meta.dirname, 'renderer', 'src', 'features');

/**
 * Design rule 7: code outside a renderer feature imports it only through its
 * index.ts. Paths are resolved against the importing file, so the rule holds
 * at any folder depth and from the app shell as well as from other features.
 */
const featureEntryRule = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      deep: "Import features/{{feature}} through its index.ts, not '{{source}}': features meet only through their entry (design rule 7).",
    },
  },
  create(context) {
    const ownFeature = path.relative(FEATURES_DIR, context.filename).split(path.sep);
    const own = ownFeature.length > 1 && ownFeature[0] !== '..' ? ownFeature[0] : null;
    const check = (node) => {
      const source = node?.type === 'Literal' ? node.value : null;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const [feature, ...rest] = path.relative(FEATURES_DIR, path.resolve(path.dirname(context.filename), source)).split(path.sep);
      if (!feature || feature === '..' || path.isAbsolute(feature) || feature === own) return;
      if (rest.length === 0 || (rest.length === 1 && /^index(\.tsx?)?$/.test(rest[0]))) return;
      context.report({ node, messageId: 'deep', data: { feature, source } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

/**
 * zod as a namespace (`import * as z from 'zod'`), never `import { z }`: the named `z` is zod's
 * whole API as one object, so a bundle that imports it carries all of zod, its 50 locales included
 * (734 KB against 175 KB; docs/performance.md, "Start-up, memory and idle CPU"). One such import
 * anywhere brings it all back, hence a rule. `eslint --fix` rewrites it.
 */
const zodNamespaceRule = {
  meta: {
    type: 'problem',
    fixable: 'code',
    schema: [],
    messages: {
      named: "Import zod as `import * as z from 'zod'`: the named `z` bundles all of zod (docs/performance.md).",
    },
  },
  create(context) {
    return {
      ImportDeclaration(node) {
        if (node.source.value !== 'zod' || node.importKind === 'type') return;
        const named = node.specifiers.filter((s) => s.type === 'ImportSpecifier' && s.importKind !== 'type' && s.imported.name === 'z');
        if (named.length === 0) return;
        context.report({
          node,
          messageId: 'named',
          fix: node.specifiers.length === 1 ? (fixer) => fixer.replaceText(node, `import * as ${named[0].local.name} from 'zod';`) : null,
        });
      },
    };
  },
};

/**
 * A zod issue's `message` is read in one place, shared/policy/rule-text.ts (`issueEnglish`,
 * `issueRule`): a schema rule writes its message there as a UserText in JSON (`rule()`), so code
 * that prints `issue.message` itself shows JSON to the agent or in the log. The rule follows a value
 * back to a zod error's `issues` by syntax: `parsed.error.issues[0]`, `const [first] = error.issues`,
 * `for (const issue of error.issues)`, `error.issues.map((issue) => …)`, through `!`, `?.`, `.slice()`.
 */
const ISSUE_LIST_STEPS = new Set(['slice', 'filter', 'toSorted', 'toReversed']);
const ISSUE_PICKS = new Set(['at', 'find', 'findLast']);
const ISSUE_CALLBACKS = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'findIndex', 'some', 'every', 'reduce']);

function unwrap(node) {
  let n = node;
  while (n && ['TSNonNullExpression', 'ChainExpression', 'TSAsExpression', 'TSSatisfiesExpression'].includes(n.type)) n = n.expression;
  return n;
}

function propertyName(member) {
  if (member?.type !== 'MemberExpression') return null;
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  return member.property.type === 'Literal' && typeof member.property.value === 'string' ? member.property.value : null;
}

const zodIssueMessageRule = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      raw: "Say a zod issue with issueEnglish() (or issueRule()) from shared/policy/rule-text.ts: a rule's message is a UserText as JSON, which `.message` prints as it is.",
    },
  },
  create(context) {
    const { sourceCode } = context;
    const definitionsOf = (identifier) => {
      for (let scope = sourceCode.getScope(identifier); scope; scope = scope.upper) {
        const variable = scope.set.get(identifier.name);
        if (variable) return variable.defs;
      }
      return [];
    };
    // `x.error.issues`, `error.issues`, `zodError.issues`, and what is taken from them.
    const isIssueList = (node, depth = 0) => {
      const n = unwrap(node);
      if (!n || depth > 8) return false;
      if (n.type === 'MemberExpression' && propertyName(n) === 'issues') {
        const owner = unwrap(n.object);
        return propertyName(owner) === 'error' || (owner?.type === 'Identifier' && /error$/i.test(owner.name));
      }
      if (n.type === 'CallExpression' && ISSUE_LIST_STEPS.has(propertyName(unwrap(n.callee))))
        return isIssueList(unwrap(n.callee).object, depth + 1);
      if (n.type === 'Identifier')
        return definitionsOf(n).some(
          (d) => d.type === 'Variable' && d.node.id.type === 'Identifier' && isIssueList(d.node.init, depth + 1),
        );
      return false;
    };
    const isIssue = (node, depth = 0) => {
      const n = unwrap(node);
      if (!n || depth > 8) return false;
      if (n.type === 'MemberExpression' && n.computed && propertyName(n) === null) return isIssueList(n.object);
      if (n.type === 'CallExpression' && ISSUE_PICKS.has(propertyName(unwrap(n.callee)))) return isIssueList(unwrap(n.callee).object);
      if (n.type !== 'Identifier') return false;
      return definitionsOf(n).some((d) => {
        if (d.type === 'Variable') {
          if (d.node.id.type === 'ArrayPattern') return isIssueList(d.node.init);
          if (d.node.init) return isIssue(d.node.init, depth + 1);
          return d.parent?.parent?.type === 'ForOfStatement' && isIssueList(d.parent.parent.right);
        }
        if (d.type === 'Parameter') {
          const fn = d.node;
          const call = fn.parent;
          return (
            fn.params[0]?.type === 'Identifier' &&
            fn.params[0].name === n.name &&
            call?.type === 'CallExpression' &&
            call.arguments[0] === fn &&
            ISSUE_CALLBACKS.has(propertyName(unwrap(call.callee))) &&
            isIssueList(unwrap(call.callee).object)
          );
        }
        return false;
      });
    };
    return {
      MemberExpression(node) {
        if (propertyName(node) === 'message' && isIssue(node.object)) context.report({ node, messageId: 'raw' });
      },
      VariableDeclarator(node) {
        if (node.id.type !== 'ObjectPattern' || !isIssue(node.init)) return;
        const message = node.id.properties.find((p) => p.type === 'Property' && !p.computed && p.key.name === 'message');
        if (message) context.report({ node: message, messageId: 'raw' });
      },
    };
  },
};

/** How text reaches the agent and the logs, as lint rules; exported for tests/unit/text/zod-issues.test.ts. */
export const textRules = [
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'tools/**/*.ts'],
    // The one helper that reads the message.
    ignores: ['shared/policy/rule-text.ts'],
    plugins: { 'switchboard-text': { rules: { 'zod-issue-message': zodIssueMessageRule } } },
    rules: { 'switchboard-text/zod-issue-message': 'error' },
  },
];

/** What keeps the bundles small, as lint rules; exported for tests/unit/core/bundle-imports.test.ts. */
export const bundleRules = [
  {
    // Bundled code only: tests and scripts run unbundled.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'switchboard-bundle': { rules: { 'zod-namespace': zodNamespaceRule } } },
    rules: { 'switchboard-bundle/zod-namespace': 'error' },
  },
];

/**
 * The boundaries of docs/design-rules.md, as lint rules. Exported on their
 * own so tests/unit/core/boundaries.test.ts can prove each one fires.
 */
export const boundaryRules = [
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: ELECTRON_ONLY }],
          patterns: [
            {
              group: ['**/platform', '**/platform/**'],
              message: 'Node-only code must not depend on Electron-only code in electron/platform/.',
            },
            { group: ['**/renderer', '**/renderer/**'], message: 'Main-side code talks to the renderer only through the bridge.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: ELECTRON_ONLY },
        { selector: "ImportExpression[source.value='electron']", message: ELECTRON_ONLY },
      ],
    },
  },
  {
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!(?:electron|\\.\\./shared/bridge/[a-z0-9-]+)$)', message: PRELOAD_ONLY }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require']", message: PRELOAD_ONLY },
        { selector: 'ImportExpression', message: PRELOAD_ONLY },
      ],
    },
  },
  {
    // worker/ is flat: `../` is electron/store/, `../../` leaves the store.
    files: ['electron/store/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: WORKER_ONLY }],
          patterns: [
            // Out of electron/store: other main-side services, platform/, the renderer, anything but shared/.
            { regex: '^\\.\\./\\.\\./(?!\\.\\./shared/)', message: WORKER_ONLY },
            // Within electron/store: only the modules both threads load.
            { regex: '^\\.\\./(?!\\.\\./)(?!(?:protocol|errors|ciphers)$|import/)', message: WORKER_ONLY },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ runs in main and renderer alike: no Electron (design rule 2).' },
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in main and renderer alike: no Node APIs (design rule 2).' })),
          ],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'react-dom/*'],
              message: 'shared/ depends on nothing but itself and pure libraries (design rule 2).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'location',
          'fetch',
          'process',
          'Buffer',
          'require',
          '__dirname',
          'global',
          'setImmediate',
        ].map((name) => ({ name, message: 'shared/ must not use DOM or Node globals (design rule 2).' })),
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through the bridge (design rule 3).' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs sandboxed in Chromium: no Node APIs.' })),
          ],
          // Relative paths into an electron/ folder; the bare `electron` package is covered by `paths`.
          patterns: [{ regex: '^\\.{1,2}/(?:.*/)?electron(?:/|$)', message: 'renderer/ never imports from electron/ (design rule 3).' }],
        },
      ],
      'switchboard/feature-entry': 'error',
    },
    plugins: { switchboard: { rules: { 'feature-entry': featureEntryRule } } },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'build/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeCheckedOnly],
    // Each file is checked with its own layer's config (the first that includes it).
    languageOptions: {
      parserOptions: {
        project: [
          './shared/tsconfig.json',
          './electron/tsconfig.json',
          './electron/tsconfig.electron.json',
          './renderer/tsconfig.json',
          './tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Async factories and interface implementations often have nothing to await yet.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    // Tests, scripts and command-line tools print their results.
    files: ['tests/**', 'scripts/**', 'electron/web-shell/cli.ts', 'electron/cli/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Asymmetric matchers (expect.any, expect.objectContaining) are typed `any` by design.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // tests/support/e2e.ts's `test` fails a test on the app's uncaught errors; a spec on Playwright's own would not.
    files: ['tests/e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@playwright/test', importNames: ['test', 'expect'], message: "Import test and expect from '../support/e2e'." }],
        },
      ],
    },
  },
  ...bundleRules,
  ...textRules,
  ...boundaryRules,
);
