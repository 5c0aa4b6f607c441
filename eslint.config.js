import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

const ELECTRON_ONLY = 'Only electron/main.ts, electron/preload.ts and electron/platform/ may import electron (design rule 1).';

/**
 * The process-model boundaries from the design, as lint rules. Exported on
 * their own so tests/unit/boundaries.test.ts can prove each one fires.
 */
export const boundaryRules = [
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/platform/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: ELECTRON_ONLY }],
        patterns: [
          { group: ['**/platform', '**/platform/**'], message: 'Node-only code must not depend on Electron-only code in electron/platform/.' },
          { group: ['**/renderer', '**/renderer/**'], message: 'Main-side code talks to the renderer only through the bridge.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: ELECTRON_ONLY },
        { selector: "ImportExpression[source.value='electron']", message: ELECTRON_ONLY }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ runs in main and renderer alike: no Electron (design rule 2).' },
          ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in main and renderer alike: no Node APIs (design rule 2).' }))],
        patterns: [
          { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'react-dom/*'], message: 'shared/ depends on nothing but itself and pure libraries (design rule 2).' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'process', 'Buffer', 'require', '__dirname', 'global', 'setImmediate']
          .map((name) => ({ name, message: 'shared/ must not use DOM or Node globals (design rule 2).' }))],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to main only through the bridge (design rule 3).' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs sandboxed in Chromium: no Node APIs.' }))],
        // Relative paths into an electron/ folder; the bare `electron` package is covered by `paths`.
        patterns: [{ regex: '^\\.{1,2}/(?:.*/)?electron(?:/|$)', message: 'renderer/ never imports from electron/ (design rule 3).' }],
      }],
    },
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
        project: ['./shared/tsconfig.json', './electron/tsconfig.json', './electron/tsconfig.electron.json', './renderer/tsconfig.json', './tsconfig.json'],
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
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
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
      'no-restricted-imports': ['error', {
        paths: [{ name: '@playwright/test', importNames: ['test', 'expect'], message: "Import test and expect from '../support/e2e'." }],
      }],
    },
  },
  ...boundaryRules,
);
