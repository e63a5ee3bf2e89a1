// Builds the two bundles: the extension host (Node, CommonJS) and the webview (browser, IIFE).
// `--watch` rebuilds on change, `--production` minifies and drops source maps.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Prints `[build] started` when a build of either bundle begins and `[build] finished with N error(s)` when no build
 * is running any more, with each error or warning on one line as `file:line:column: error: message` in between:
 * the watch task's problem matcher in .vscode/tasks.json reads exactly this.
 */
function problemMatcher() {
  let running = 0;
  let errors = 0;
  return {
    name: 'problem-matcher',
    setup(build) {
      build.onStart(() => {
        if (running++ === 0) {
          errors = 0;
          console.log('[build] started');
        }
      });
      build.onEnd((result) => {
        const report = (severity) => ({ text, location }) => {
          const where = location ? `${location.file}:${location.line}:${location.column + 1}: ` : '';
          console.error(`${where}${severity}: ${text}`);
        };
        result.errors.forEach(report('error'));
        result.warnings.forEach(report('warning'));
        errors += result.errors.length;
        if (--running === 0) console.log(`[build] finished with ${errors} error(s)`);
      });
    },
  };
}

/**
 * ollama-js loads the `whatwg-fetch` polyfill for old browsers; the extension host's Node has `fetch` built in,
 * so the host bundle gets an empty module instead (10 KB less to load at activation).
 */
const noFetchPolyfill = {
  name: 'no-fetch-polyfill',
  setup(build) {
    build.onResolve({ filter: /^whatwg-fetch$/ }, () => ({ path: 'whatwg-fetch', namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '' }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
};

async function main() {
  const matcher = problemMatcher();
  const contexts = await Promise.all([
    esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      plugins: [matcher, noFetchPolyfill],
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/webview/main.ts'],
      outfile: 'dist/webview.js',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      plugins: [matcher],
    }),
  ]);
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  // A failed build rejects; its errors were already printed by the problem matcher.
  const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.status === 'rejected' || r.value.errors.length > 0)) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
