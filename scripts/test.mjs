#!/usr/bin/env node
// `npm test`: sets up code-server + Chromium, builds, compiles, then runs the unit, integration and UI (e2e) suites.
// Each suite prints mocha's spec output plus an `@@RESULT {"passed":N,"failed":M}` line, which is added up here.
// Ends with the line `N passed, M failed` and a non-zero exit code if any test failed or any step crashed
// (a crashed step counts as one failure). `node scripts/test.mjs unit integration` runs only the named suites.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';
import { ensureSystemPackages, setupVscodeWeb } from './setup-vscode-web.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = (...parts) => join(repoRoot, 'out', ...parts);

/**
 * The suites in run order; `needsWorkbench` ones need code-server and the esbuild bundles, `needsBrowser` ones
 * Chromium (the unit tests render the view's bundle in it).
 */
const SUITES = {
  unit: {
    needsWorkbench: false,
    needsBrowser: true,
    command: [
      'node_modules/mocha/bin/mocha.js',
      ...['--reporter', out('test', 'harness', 'resultReporter.js')],
      'out/test/unit/**/*.test.js',
    ],
  },
  integration: { needsWorkbench: true, command: [out('test', 'harness', 'runIntegration.js')] },
  e2e: { needsWorkbench: true, command: [out('test', 'harness', 'runE2E.js')] },
};

const results = [];
let currentChild;

/** Runs node with `args`, echoing its output, and returns the exit code and the summed `@@RESULT` counts. */
function runNode(args) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    currentChild = child;
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code, signal) => {
      currentChild = undefined;
      let counts;
      for (const [, json] of output.matchAll(/@@RESULT (\{.*\})/g)) {
        const { passed, failed } = JSON.parse(json);
        counts = { passed: (counts?.passed ?? 0) + passed, failed: (counts?.failed ?? 0) + failed };
      }
      resolveRun({ code: code ?? (signal ? 128 : 1), counts });
    });
  });
}

/**
 * Times a step and records its outcome; `fn` returns `{ code, counts? }`. A test suite (`reportsCounts`) that
 * exits non-zero without failed tests, or never reports its counts, crashed; a crash or a failed non-test step
 * counts as one failure. Returns whether the step succeeded.
 */
async function step(name, fn, { reportsCounts = false } = {}) {
  console.log(`\n=== ${name} ===`);
  const start = Date.now();
  let outcome;
  try {
    outcome = await fn();
  } catch (err) {
    console.error(`[test] ${name}: ${err.message}`);
    outcome = { code: 1 };
  }
  const { code, counts } = outcome;
  const broken = reportsCounts ? counts === undefined || (code !== 0 && counts.failed === 0) : code !== 0;
  const seconds = (Date.now() - start) / 1000;
  results.push({ name, seconds, code, counts: reportsCounts ? counts : undefined, broken });
  return !broken && code === 0;
}

function printSummary() {
  let passed = 0;
  let failed = 0;
  console.log('\n=== summary ===');
  for (const r of results) {
    passed += r.counts?.passed ?? 0;
    failed += (r.counts?.failed ?? 0) + (r.broken ? 1 : 0);
    const counts = r.counts ? `${r.counts.passed} passed, ${r.counts.failed} failed` : '';
    let status = r.counts ? '' : 'ok';
    if (r.broken) status = `${r.counts ? 'crashed' : 'FAILED'} (exit ${r.code})`;
    if (r.skipped) status = 'skipped';
    const what = [counts, status].filter(Boolean).join(' ');
    console.log(`  ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)} s  ${what}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && results.every((r) => r.code === 0);
}

async function main() {
  ensureDependencies();
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(name in SUITES));
  if (unknown.length > 0) {
    throw new Error(`unknown suite(s) ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}`);
  }
  const suites = requested.length > 0 ? requested : Object.keys(SUITES);
  const needsWorkbench = suites.some((name) => SUITES[name].needsWorkbench);

  const setUp = async () => {
    await setupVscodeWeb();
    return { code: 0 };
  };
  const needsBrowser = suites.some((name) => SUITES[name].needsBrowser);
  const setUpBrowser = async () => {
    await ensureSystemPackages();
    return { code: 0 };
  };
  const ready = needsWorkbench ? await step('setup', setUp) : needsBrowser ? await step('setup', setUpBrowser) : true;
  const built = needsWorkbench ? await step('build', () => runNode(['esbuild.js'])) : true;
  // tsc still writes JavaScript when it reports type errors, so the tests run anyway and the errors count once.
  await step('typecheck', () => runNode(['node_modules/typescript/bin/tsc', '-p', '.']));
  // Each bundle against its own platform, and the layer rules (a wrong-way import fails here).
  await step('lint', () => runNode(['scripts/lint.mjs']));
  for (const name of suites) {
    const suite = SUITES[name];
    if (suite.needsWorkbench && !(ready && built)) {
      console.log(`\n=== ${name} === skipped: set-up or build failed`);
      results.push({ name, seconds: 0, code: 0, skipped: true });
      continue;
    }
    await step(name, () => runNode(suite.command), { reportsCounts: true });
  }
  return printSummary();
}

// Forward Ctrl+C / SIGTERM to the running suite so it can stop code-server and Chromium before we exit.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (currentChild) currentChild.kill(signal);
    else process.exit(130);
  });
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(`[test] ${err.message}`);
    process.exit(1);
  },
);
