// `npm run lint` runs this (after the type checks). Besides typescript-eslint's recommended rules it enforces the
// layers (eslint/layers.mjs): which source folder may import which, and where `vscode` and Node may be used.
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.mjs';

const root = dirname(fileURLToPath(import.meta.url));

/** The layers, bottom up. See CONTRIBUTING.md for what each holds. */
const LAYERS = [
  { name: 'shared', path: 'src/shared', mayImport: [], vscode: 'none', node: false },
  { name: 'core', path: 'src/core', mayImport: ['shared'], vscode: 'types', node: true },
  { name: 'api', path: 'src/api.ts', mayImport: ['shared'], vscode: 'none', node: true },
  { name: 'webview', path: 'src/webview', mayImport: ['shared'], vscode: 'none', node: false },
  { name: 'vscode', path: 'src/vscode', mayImport: ['core', 'shared', 'api'], vscode: 'runtime', node: true },
  { name: 'commands', path: 'src/commands', mayImport: ['vscode', 'core', 'shared', 'api'], vscode: 'runtime', node: true },
  { name: 'extension', path: 'src/extension.ts', mayImport: ['commands', 'vscode', 'core', 'shared', 'api'], vscode: 'runtime', node: true },
  // The Ollama simulator stands alone: it speaks Ollama's HTTP API and knows nothing of the extension.
  { name: 'simulator', path: 'simulator', mayImport: [], vscode: 'none', node: true },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-results/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { local: layers },
    rules: {
      'local/layers': ['error', { root, layers: LAYERS }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      eqeqeq: ['error', 'always'],
      // `import vscode = require('vscode')` is how the extension host's code takes the VS Code API (see below).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  {
    // esbuild turns `import * as vscode from 'vscode'` into a copy of the whole API object (some 300 properties,
    // one getter each) per importing file: with ~30 files that copying was most of activate()'s code-loading time.
    // `import vscode = require('vscode')` is the same module, typed the same, without the copies.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='vscode'][importKind='value'] > ImportNamespaceSpecifier",
        message: "Write `import vscode = require('vscode')`: a namespace import makes the bundle copy the whole VS Code API in every file that has one, at activation.",
      }],
    },
  },
  {
    // The build script is CommonJS, as esbuild's own examples are.
    files: ['esbuild.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // mocha's `this` in `function ()` test bodies and Node scripts' `require` are fine there.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
