#!/usr/bin/env node
// `npm run lint`: type-checks the host and the webview bundles each against its own platform (tsconfig.host.json:
// Node + VS Code, no DOM; tsconfig.webview.json: DOM, no Node or VS Code), then the whole tree (tsconfig.json),
// then ESLint with the layer rule (eslint.config.mjs). Runs every step, prints what failed, exits non-zero if any did.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = 'node_modules/typescript/bin/tsc';
const STEPS = [
  ['types: extension host', [tsc, '-p', 'tsconfig.host.json']],
  ['types: webview', [tsc, '-p', 'tsconfig.webview.json']],
  ['types: the simulator alone', [tsc, '-p', 'simulator/tsconfig.json', '--noEmit']],
  ['types: everything', [tsc, '-p', 'tsconfig.json', '--noEmit']],
  ['eslint', ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', '.']],
];

const failed = [];
for (const [name, args] of STEPS) {
  console.log(`[lint] ${name}`);
  const res = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
  if (res.status !== 0) failed.push(name);
}
console.log(failed.length ? `[lint] failed: ${failed.join(', ')}` : '[lint] all clean');
process.exit(failed.length ? 1 : 0);
