// Runs the integration tests in desktop VS Code (Electron) via @vscode/test-electron, for machines that can
// download it (or have it cached in `.vscode-test/`). Linux without a display needs `xvfb-run`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests, TestRunFailedError } from '@vscode/test-electron';
import type { IntegrationRun } from './runWeb';
import { updateUserSettings } from './userSettings';

/** Thrown when no desktop VS Code can be had: not cached and not downloadable. */
export class ElectronUnavailableError extends Error {}

/**
 * Resolves the desktop VS Code executable, downloading it if needed; fails fast when offline
 * (an unreachable update server gives ENOTFOUND at once, a silent network stalls at most `timeout`).
 */
export async function findDesktopVsCode(): Promise<string> {
  try {
    return await downloadAndUnzipVSCode({ timeout: 15_000 });
  } catch (err) {
    throw new ElectronUnavailableError(`desktop VS Code is not available: ${(err as Error).message}`);
  }
}

/** test-electron does not hand out its child process, so on timeout our own children are found by parent id. */
function killOwnChildren(): void {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  for (const pid of out.split('\n').map(Number).filter((pid) => pid > 0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone (the ps process itself, for one).
    }
  }
}

/** Runs the tests in a fresh profile and resolves with the exit code (0 all passed). */
export async function runIntegrationInElectron(run: IntegrationRun, vscodeExecutablePath: string): Promise<number> {
  const runDir = mkdtempSync(join(tmpdir(), 'ollama-chat-electron-'));
  const userDataDir = join(runDir, 'user-data');
  const workspace = join(runDir, 'workspace');
  mkdirSync(workspace);
  updateUserSettings(userDataDir, run.settings);
  const timer = setTimeout(() => {
    console.error(`[integration] no result after ${run.timeoutMs / 1000} s: giving up`);
    killOwnChildren();
    process.exit(124);
  }, run.timeoutMs);
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: run.extensionDevelopmentPath,
      extensionTestsPath: run.extensionTestsPath,
      launchArgs: [
        workspace,
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${join(runDir, 'extensions')}`,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--disable-telemetry',
      ],
    });
  } catch (err) {
    if (err instanceof TestRunFailedError) return err.code ?? 1;
    throw err;
  } finally {
    clearTimeout(timer);
    rmSync(runDir, { recursive: true, force: true });
  }
}
