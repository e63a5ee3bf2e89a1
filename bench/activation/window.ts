/** One real VS Code window for the activation benchmark: code-server plus headless Chromium from the test harness. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../../test/harness/chromium';
import { startCodeServer, type CodeServer } from '../../test/harness/codeServer';
import { readVscodeWebInstall } from '../../test/harness/install';
import { onInterrupt } from '../../test/harness/processGroup';

export interface WindowOptions {
  /** The development extension. */
  extensionPath: string;
  /** Compiled module exporting `run()`, run by the workbench as its tests. */
  testsPath?: string;
  settings?: Record<string, unknown>;
  /** Profile folder, prepared by the caller (e.g. with extensions installed) and removed by it; default a fresh one. */
  runDir?: string;
}

export interface Window {
  page: Page;
  server: CodeServer;
  /** Text of the extension host's log (`remoteexthost.log`), which names every activation and its event. */
  extensionHostLog(): string;
}

function findFile(dir: string, name: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const found = readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((file) => file.endsWith(`/${name}`));
  return found && join(dir, found);
}

/**
 * Opens a window, runs `use` with it, and always closes Chromium and stops code-server afterwards.
 * `beforeNavigate` runs before the first page load (the place for `page.exposeFunction` and for files the
 * window should find in `server.workspaceFolder`).
 */
export async function withWindow<T>(
  options: WindowOptions,
  beforeNavigate: (page: Page, server: CodeServer) => Promise<void>,
  use: (window: Window) => Promise<T>,
): Promise<T> {
  const server = await startCodeServer({ settings: options.settings, runDir: options.runDir });
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.context.close().catch(() => undefined);
    await server.stop();
  };
  const unregister = onInterrupt(close);
  try {
    browser = await launchChromium(readVscodeWebInstall().chromium, join(server.runDir, 'browser'));
    await beforeNavigate(browser.page, server);
    await browser.page.goto(server.workbenchUrl({ extensionDevelopmentPath: options.extensionPath, extensionTestsPath: options.testsPath }));
    const logs = join(server.runDir, 'user-data', 'logs');
    const extensionHostLog = (): string => {
      const file = findFile(logs, 'remoteexthost.log');
      return file ? readFileSync(file, 'utf8') : '';
    };
    return await use({ page: browser.page, server, extensionHostLog });
  } finally {
    unregister();
    await close();
  }
}
