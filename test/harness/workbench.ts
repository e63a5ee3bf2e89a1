// One VS Code window: code-server plus a Chromium page showing its workbench with the development extension.
// Shared by the integration launcher and the UI-test driver; always stopped as a pair.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startCodeServer, type CodeServer, type CodeServerOptions, type WorkbenchPayload } from './codeServer';
import { readVscodeWebInstall } from './install';
import { onInterrupt } from './processGroup';

export interface WorkbenchOptions {
  server?: CodeServerOptions;
  payload: WorkbenchPayload;
  /** Runs before the first navigation: the place for `page.exposeFunction` and console listeners. */
  beforeNavigate?: (page: Page) => Promise<void> | void;
}

export interface WorkbenchSession {
  readonly server: CodeServer;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Closes Chromium, then stops code-server and its children. Safe to call more than once. */
  close(): Promise<void>;
}

/** Starts code-server and Chromium and navigates to the workbench (resolves on the page's `load` event). */
export async function openWorkbench(options: WorkbenchOptions): Promise<WorkbenchSession> {
  const server = await startCodeServer(options.server);
  let closing: Promise<void> | undefined;
  let context: BrowserContext | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      unregister();
      await context?.close().catch(() => undefined);
      await server.stop();
    })());
  const unregister = onInterrupt(close);
  try {
    const browser = await launchChromium(readVscodeWebInstall().chromium, join(server.runDir, 'browser'));
    context = browser.context;
    await options.beforeNavigate?.(browser.page);
    await browser.page.goto(server.workbenchUrl(options.payload));
    return { server, context, page: browser.page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
