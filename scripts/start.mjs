#!/usr/bin/env node
// `npm start`: builds the extension and opens VS Code with it loaded for development. Uses desktop VS Code when
// `code` is on PATH, otherwise code-server (set up on demand) on 127.0.0.1 with a URL to open in a browser.
// `npm run demo` (`--demo`): the same against the project's Ollama simulator (simulator/), with
// `ollamaChat.host` pointing at it in a separate profile. Runs until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';
import { setupVscodeWeb } from './setup-vscode-web.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demo = process.argv.includes('--demo');
/** Profiles live in the git-ignored cache and persist, so conversations survive restarts (same port needed). */
const profileDir = join(repoRoot, '.cache', 'vscode-web', demo ? 'demo-profile' : 'dev-profile');
const PREFERRED_PORT = 8080;

/** Compiled harness and simulator modules (CommonJS emitted by tsc). */
const importOut = (path) => import(pathToFileURL(join(repoRoot, 'out', path)).href);

function build() {
  for (const args of [['esbuild.js'], ['node_modules/typescript/bin/tsc', '-p', '.']]) {
    console.log(`[start] node ${args.join(' ')}`);
    // Type errors do not stop the demo: tsc still emits JavaScript, and the bundle comes from esbuild.
    const res = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    if (res.status !== 0 && args[0] === 'esbuild.js') throw new Error('the esbuild build failed');
  }
}

function isPortFree(port) {
  return new Promise((res) => {
    const probe = createServer();
    probe.once('error', () => res(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => res(true)));
  });
}

function hasDesktopCode() {
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
}

/** Starts the Ollama simulator and returns it with the settings that point the extension at it. */
async function startSimulatedOllama() {
  const { OllamaSimulator } = await importOut('simulator/index.js');
  const ollama = await OllamaSimulator.start({ port: 0 });
  console.log(`[start] SIMULATED Ollama (the project's simulator: canned replies, no real model) at ${ollama.url}`);
  return { ollama, settings: { 'ollamaChat.host': ollama.url } };
}

/** Desktop VS Code. In the demo a separate profile holds the host setting; `--wait` keeps the fake Ollama up. */
async function startDesktop(settings) {
  const args = ['--new-window', `--extensionDevelopmentPath=${repoRoot}`];
  if (demo) {
    const { updateUserSettings } = await importOut('test/harness/userSettings.js');
    updateUserSettings(profileDir, settings);
    args.push(`--user-data-dir=${profileDir}`, '--wait');
  }
  console.log(`[start] code ${args.join(' ')} ${repoRoot}`);
  const child = spawn('code', [...args, repoRoot], { stdio: 'inherit' });
  await new Promise((res) => child.once('exit', res));
}

/** code-server on a fixed port when possible, since the workspace identity (and so its state) includes the port. */
async function startWeb(settings, onInterrupt) {
  await setupVscodeWeb();
  const { startCodeServer } = await importOut('test/harness/codeServer.js');
  const port = (await isPortFree(PREFERRED_PORT)) ? PREFERRED_PORT : undefined;
  if (port === undefined) {
    console.log(`[start] port ${PREFERRED_PORT} is busy: using a free port (so a new, empty workspace state)`);
  }
  const server = await startCodeServer({ runDir: profileDir, port, settings, workspaceFolder: repoRoot });
  onInterrupt(() => server.stop());
  const url = server.workbenchUrl({ extensionDevelopmentPath: repoRoot });
  console.log('\nVS Code (code-server) with the extension under development is running.');
  console.log(`Open this URL in a browser on this machine:\n\n  ${url}\n`);
  console.log(`Keep the address 127.0.0.1:${server.port}: the extension path in the URL is tied to it. Ctrl+C stops.`);
  const code = await server.exited;
  console.log(`[start] code-server exited (code ${code})`);
}

async function main() {
  ensureDependencies();
  build();
  const { onInterrupt } = await importOut('test/harness/processGroup.js');
  const { ollama, settings } = demo ? await startSimulatedOllama() : { settings: {} };
  if (ollama) onInterrupt(() => ollama.stop());
  try {
    if (hasDesktopCode()) await startDesktop(settings);
    else await startWeb(settings, onInterrupt);
  } finally {
    await ollama?.stop();
  }
}

main().catch((err) => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});
