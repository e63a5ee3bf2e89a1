// Runs the integration tests inside real VS Code served by code-server, with Chromium as the window. The workbench,
// started in test mode by the URL payload, sends its log (including the extension host's console, so mocha's
// output) to `codeAutomationLog` and the tests' exit code to `codeAutomationExit`.
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { openWorkbench } from './workbench';

export interface IntegrationRun {
  /** Folder with the extension's package.json. */
  extensionDevelopmentPath: string;
  /** Compiled tests module exporting `run()`. */
  extensionTestsPath: string;
  /** Overall limit for start-up, tests and shutdown. */
  timeoutMs: number;
  /** Extra user settings for the test profile. */
  settings?: Record<string, unknown>;
}

/** Workbench chatter on the same channel (level "info", like the tests' output) that says nothing about the tests. */
const NOISE = [
  /^Resolv(?:ing|ed) connection token/,
  /^Creating a socket/,
  /^\[(?:reconnection-grace-time|Service Worker|AgentHost:remote|AccountPolicyGate)\]/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^Creation of workbench contribution '[^']+' took/,
  /^Timed out waiting for authentication provider 'github'/,
  /^Canceled(?:: Canceled)*$/,
];

function printLog(args: unknown): void {
  const line = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
  if (!NOISE.some((re) => re.test(line))) console.log(line);
}

/**
 * Resolves when the tests report their exit code, the page crashes, the server dies, or time runs out;
 * in the last three cases the server's log is shown since the tests could not say what went wrong.
 */
function waitForExit(
  page: Page,
  server: CodeServer,
  run: IntegrationRun,
  deadline: number,
  exposed: Promise<number>,
): Promise<number> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (code: number, why?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (why) console.error(`[integration] ${why}\n--- code-server log (last lines) ---\n${server.logTail()}`);
      resolve(code);
    };
    const timer = setTimeout(
      () => done(124, `no result within ${run.timeoutMs / 1000} s: giving up`),
      Math.max(deadline - Date.now(), 0),
    );
    void exposed.then((code) => done(code));
    page.once('crash', () => done(1, 'the workbench page crashed'));
    void server.exited.then((code) => done(1, `code-server exited early (code ${code})`));
  });
}

/**
 * Runs the extension's integration tests in code-server + Chromium and resolves with their exit code
 * (0 all passed, 1 failures or a crash, 124 timeout). Server and browser are always stopped.
 */
export async function runIntegrationInWeb(run: IntegrationRun): Promise<number> {
  const deadline = Date.now() + run.timeoutMs;
  let reportExit!: (code: number) => void;
  const exposed = new Promise<number>((resolve) => (reportExit = resolve));
  const session = await openWorkbench({
    server: { settings: run.settings },
    payload: { extensionDevelopmentPath: run.extensionDevelopmentPath, extensionTestsPath: run.extensionTestsPath },
    beforeNavigate: async (page) => {
      await page.exposeFunction('codeAutomationLog', (_level: unknown, args: unknown) => printLog(args));
      await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    },
  });
  try {
    return await waitForExit(session.page, session.server, run, deadline, exposed);
  } finally {
    await session.close();
  }
}
