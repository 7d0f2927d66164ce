// Lint for the whole tree: @eslint/js and typescript-eslint's recommended rules, type-aware (each
// file is checked with the tsconfig of its layer: src/webview has its own), plus the house rules.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's globals for the plain-JavaScript build and scripts (TypeScript files get theirs from @types/node). */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'AbortController',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'performance',
    'fetch',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      'test-output/',
      '.vscode-test/',
      'test/fixtures/',
      'samples/',
      'media/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // The project service finds each file's tsconfig: the root one, or test/webview/tsconfig.json (DOM and Node).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // `typeof import('./x')` types the lazily loaded bundles (src/core/lazy-bundle.ts): the loader's whole point.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // `import x = require('y')` picks a package's CommonJS build on purpose (src/ui/reports/report-paths.ts).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // The panel's script runs in the webview: a browser, with its own tsconfig (DOM, no Node).
    files: ['src/webview/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './src/webview/tsconfig.json' },
    },
  },
  {
    // The lazy loaders require() a path computed at run time, so that esbuild leaves the bundle out.
    files: ['src/core/lazy-bundle.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and their tools read JSON.parse'd CLI output and saved methods (process.stderr.write) on purpose: the assertions are the check.
    files: ['test/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // One assert style: strict comparisons by default, never the loose node:assert.
      'no-restricted-imports': [
        'error',
        {
          paths: ['assert', 'node:assert'].map((name) => ({
            name,
            message: "Use import * as assert from 'node:assert/strict'.",
          })),
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
);
