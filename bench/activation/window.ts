/** One real VS Code window for the activation benchmark: code-server plus headless Chromium from the test harness. */
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

export interface VscodeWindow {
  page: Page;
  server: CodeServer;
}

/**
 * Opens a window, runs `use` with it, and always closes Chromium and stops code-server afterwards.
 * `beforeNavigate` runs before the first page load (the place for `page.exposeFunction` and for files the
 * window should find in `server.workspaceFolder`).
 */
export async function withWindow<T>(
  options: WindowOptions,
  beforeNavigate: (page: Page, server: CodeServer) => Promise<void>,
  use: (window: VscodeWindow) => Promise<T>,
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
    return await use({ page: browser.page, server });
  } finally {
    unregister();
    await close();
  }
}
