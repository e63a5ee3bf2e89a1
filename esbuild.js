// Builds the bundles: the extension host's (Node, CommonJS) in two parts, what activation needs and what loads on
// first use (see `hostBuild`), and the webview's (browser, IIFE).
// `--watch` rebuilds on change, `--production` minifies and drops source maps.
const path = require('node:path');
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
  absWorkingDir: __dirname,
};

const host = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
};

/** The module that `import()` loads on first use, and the file it becomes next to dist/extension.js. */
const FIRST_USE = path.join(__dirname, 'src', 'commands', 'onFirstUse.ts');
const FIRST_USE_FILE = 'commands.js';

/** Absolute path of a metafile input (they are relative to the working directory). */
const inputPath = (key) => path.resolve(__dirname, key);

/**
 * The extension host's code is two bundles, so that activation reads and compiles only what the chat view needs:
 * dist/extension.js (the entry) and dist/commands.js (src/commands/onFirstUse.ts: every command, the error actions),
 * which extension.js `require`s the first time it `import()`s that module. Modules both use are not copied into
 * commands.js: extension.js hands it its own (one module state, one class for each error `instanceof` checks).
 *
 * 1. `discover`: both entries, nothing written; extension.js's inputs are the modules activation loads.
 * 2. commands.js: each import of one of those modules reads it from what extension.js hands over.
 * 3. extension.js: `import('./onFirstUse')` becomes `require('./commands.js')(the shared modules)`.
 * The result of `discover` carries the errors of all three, so the problem matcher sees them as one build.
 */
function hostBuild(matcher) {
  const plugins = [noFetchPolyfill];
  const firstUseImport = (build, resolveTo) =>
    build.onResolve({ filter: /onFirstUse$/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === 'inner') return undefined;
      const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'inner' });
      return resolved.path === FIRST_USE ? resolveTo() : undefined;
    });

  // Step 2: a module of extension.js, read from the `shared` object extension.js passes in.
  const sharedWithEntry = (eager, used) => ({
    name: 'shared-with-entry',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'inner' || args.kind === 'entry-point' || args.namespace !== 'file' || args.path === 'vscode') return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'inner' });
        const key = path.relative(__dirname, resolved.path);
        if (resolved.errors.length || !eager.has(key)) return undefined;
        used.add(key);
        return { path: key, namespace: 'shared-with-entry' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-with-entry' }, (args) => ({
        contents: `module.exports = require('first-use:registry').take(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
      build.onResolve({ filter: /^first-use:/ }, (args) => ({ path: args.path, namespace: 'first-use' }));
      build.onLoad({ filter: /^first-use:registry$/, namespace: 'first-use' }, () => ({
        contents: `let shared = {};
exports.fill = (modules) => { shared = modules; };
// A module's namespace object, marked as ES module so that default imports read its default export.
exports.take = (key) => Object.defineProperties({}, Object.fromEntries([['__esModule', { value: true }],
  ...Object.keys(shared[key]).map((name) => [name, { enumerable: true, get: () => shared[key][name] }])]));`,
        loader: 'js',
      }));
      build.onLoad({ filter: /^first-use:entry$/, namespace: 'first-use' }, () => ({
        contents: `module.exports = (modules) => { require('first-use:registry').fill(modules); return require(${JSON.stringify(FIRST_USE)}); };`,
        loader: 'js',
        resolveDir: __dirname,
      }));
    },
  });

  // Step 3: the first `import()` of onFirstUse loads commands.js with the modules it shares.
  const loadOnFirstUse = (used) => ({
    name: 'load-on-first-use',
    setup(build) {
      firstUseImport(build, () => ({ path: 'first-use', namespace: 'first-use' }));
      build.onLoad({ filter: /^first-use$/, namespace: 'first-use' }, () => ({
        contents: `module.exports = require('./${FIRST_USE_FILE}')(require('first-use:shared').shared);`,
        loader: 'js',
        resolveDir: __dirname,
      }));
      build.onResolve({ filter: /^\.\//, namespace: 'first-use' }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /^first-use:shared$/ }, () => ({ path: 'first-use:shared', namespace: 'first-use' }));
      build.onLoad({ filter: /^first-use:shared$/, namespace: 'first-use' }, () => {
        const keys = [...used].sort();
        const imports = keys.map((key, i) => `import * as m${i} from ${JSON.stringify(inputPath(key))};`);
        const entries = keys.map((key, i) => `${JSON.stringify(key)}: m${i}`);
        return { contents: `${imports.join('\n')}\nexport const shared = { ${entries.join(', ')} };`, loader: 'js', resolveDir: __dirname };
      });
    },
  });

  const pipeline = {
    name: 'host-bundles',
    setup(build) {
      firstUseImport(build, () => ({ path: FIRST_USE, external: true }));
      build.onEnd(async (result) => {
        if (result.errors.length) return;
        const outputs = Object.values(result.metafile.outputs);
        const entry = outputs.find((o) => o.entryPoint === 'src/extension.ts');
        const eager = new Set(Object.keys(entry.inputs));
        const used = new Set();
        const steps = [
          () => esbuild.build({ ...host, entryPoints: { [path.basename(FIRST_USE_FILE, '.js')]: 'first-use:entry' }, outdir: 'dist', plugins: [sharedWithEntry(eager, used), ...plugins] }),
          () => esbuild.build({ ...host, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [loadOnFirstUse(used), ...plugins] }),
        ];
        for (const step of steps) {
          // esbuild rejects with the build's errors; anything else thrown is an error of this script.
          const built = await step().catch((err) => ({ errors: err.errors ?? [{ text: String(err), location: null }], warnings: err.warnings ?? [] }));
          result.errors.push(...built.errors);
          result.warnings.push(...built.warnings);
          if (built.errors.length) return;
        }
      });
    },
  };
  return esbuild.context({
    ...host,
    entryPoints: ['src/extension.ts', FIRST_USE],
    outdir: 'dist',
    write: false,
    metafile: true,
    plugins: [pipeline, ...plugins, matcher],
  });
}

async function main() {
  const matcher = problemMatcher();
  const contexts = await Promise.all([
    hostBuild(matcher),
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
