// `npm run test:integration`: runs `out/test/integration/index.js` inside real VS Code and exits with its code.
// OLLAMA_CHAT_TEST_HOST picks the window: `web` (code-server + Chromium, works offline), `electron` (desktop VS Code
// via @vscode/test-electron), or unset: web when it is set up, else desktop VS Code, else set up web.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isVscodeWebInstalled, readVscodeWebInstall, repoRoot } from './install';
import { ElectronUnavailableError, findDesktopVsCode, runIntegrationInElectron } from './runElectron';
import { runIntegrationInWeb, type IntegrationRun } from './runWeb';

const run: IntegrationRun = {
  extensionDevelopmentPath: repoRoot,
  extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
  timeoutMs: Number(process.env.OLLAMA_CHAT_TEST_TIMEOUT_MS ?? 10 * 60_000),
};

function runWeb(): Promise<number> {
  const { codeServerVersion } = readVscodeWebInstall();
  console.log(`[integration] launcher: web (code-server ${codeServerVersion} in headless Chromium)`);
  return runIntegrationInWeb(run);
}

async function runElectron(): Promise<number> {
  const executable = await findDesktopVsCode();
  console.log(`[integration] launcher: electron (${executable})`);
  return runIntegrationInElectron(run, executable);
}

/** Chooses the launcher as described at the top of this file. */
async function runIntegration(): Promise<number> {
  const host = process.env.OLLAMA_CHAT_TEST_HOST;
  if (host === 'web') return runWeb();
  if (host === 'electron') return runElectron();
  if (host) throw new Error(`OLLAMA_CHAT_TEST_HOST must be "web" or "electron", not "${host}"`);
  if (isVscodeWebInstalled()) return runWeb();
  try {
    return await runElectron();
  } catch (err) {
    if (!(err instanceof ElectronUnavailableError)) throw err;
    console.log(`[integration] ${err.message}; falling back to web`);
  }
  const setup = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'setup-vscode-web.mjs')], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('setting up code-server failed');
  return runWeb();
}

runIntegration().then(
  (code) => {
    console.log(`[integration] exit code ${code}`);
    process.exit(code);
  },
  (err: Error) => {
    console.error(`[integration] ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
