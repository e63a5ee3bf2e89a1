/**
 * A VS Code window for the view benchmarks: code-server and headless Chromium with Ollama Chat as the development
 * extension, the plain-text floor installed beside it, both talking to the Ollama simulator in this process
 * (so the benchmark sees when the server sent its last byte), and the frame recorder in every webview.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { OllamaSimulator } from '../../simulator';
import { withWindow } from '../activation/window';
import { chooseFile, runCommand } from '../palette';
import { installFloorExtension } from '../floor/install';
import { installFrameRecorder } from './recorder';

const STARTUP_TIMEOUT_MS = 90_000;
const WEBVIEW_TIMEOUT_MS = 60_000;

export interface ViewBenchWindow {
  page: Page;
  ollama: OllamaSimulator;
  /** The window's workspace folder (files put there can be opened from the window). */
  workspaceFolder: string;
  /** Clicks the activity-bar item with this title unless its container is open already. */
  openContainer(title: string): Promise<void>;
  /**
   * The content frame of the extension's webview once `selector` is in it (VS Code builds a new one each time a
   * view is shown). Fails if the extension shows no webview within a minute.
   */
  webview(extensionId: string, selector: string): Promise<Frame>;
  /** Resolves once the extension shows no webview (its view was hidden). */
  webviewGone(extensionId: string): Promise<void>;
  /** See {@link runCommand}. */
  runCommand(title: string): Promise<void>;
  /**
   * Bytes of JS heap in use in the workbench's renderer after a full garbage collection. The webviews' content
   * frames are served from the workbench's origin, so they live in that renderer's heap too.
   */
  heapAfterGc(): Promise<number>;
  /** See {@link chooseFile}. */
  chooseFile(path: string): Promise<void>;
}


/** The activity-bar item (`li[role=tab]`) whose label starts with `title`. */
function activityTab(page: Page, title: string) {
  return page.locator('.part.activitybar li.action-item[role="tab"]').filter({ has: page.locator(`a.action-label[aria-label^="${title}"]`) });
}

/** The content frame of a webview of `extensionId`: the child of the frame VS Code loads with `extensionId=` in its URL. */
function findWebview(page: Page, extensionId: string): Frame | undefined {
  const marker = `extensionId=${encodeURIComponent(extensionId)}`;
  return page.frames().find((f) => !f.isDetached() && !!f.parentFrame()?.url().includes(marker));
}

/**
 * Runs in the webview: resolves once `selector` matches, checked every 10 ms (a timer, which VS Code's
 * `document.open()` of the frame does not cancel, unlike animation-frame callbacks). The wait for a webview uses this
 * rather than Playwright's `waitForSelector`, which evaluates Playwright's own selector engine (337 KB of script) in
 * every new frame it looks into: 9–24 ms on the window's main thread, twice for each webview shown (VS Code's pending
 * frame, then its active one), inside the frames the Reopen bench measures.
 */
function whenAttached(selector: string): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      if (!document.querySelector(selector)) return false;
      clearInterval(timer);
      resolve();
      return true;
    };
    const timer = setInterval(check, 10);
    check();
  });
}

/** `promise`, or a rejection naming `what` once `deadline` (epoch ms) has passed. */
async function beforeDeadline<T>(promise: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${WEBVIEW_TIMEOUT_MS / 1000} s`)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function poll<T>(what: string, get: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens the window, runs `use`, and always closes everything it started. */
export async function withViewBenchWindow<T>(repoRoot: string, use: (window: ViewBenchWindow) => Promise<T>): Promise<T> {
  const ollama = await OllamaSimulator.start();
  const runDir = mkdtempSync(join(tmpdir(), 'ollama-chat-bench-view-'));
  try {
    await installFloorExtension(repoRoot, join(runDir, 'extensions'));
    const options = { extensionPath: repoRoot, settings: { 'ollamaChat.host': ollama.url }, runDir };
    const beforeNavigate = async (page: Page): Promise<void> => page.addInitScript(installFrameRecorder).then(() => undefined);
    return await withWindow(options, beforeNavigate, async ({ page, server }) => {
      await page.waitForFunction(() => 'driver' in window, undefined, { timeout: STARTUP_TIMEOUT_MS });
      await page.evaluate(() => (window as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
      return use({
        page,
        ollama,
        workspaceFolder: server.workspaceFolder,
        async openContainer(title) {
          const tab = activityTab(page, title);
          if ((await tab.getAttribute('aria-selected', { timeout: WEBVIEW_TIMEOUT_MS })) !== 'true') await tab.click();
          // Away from the item, so its hover does not cover the side bar.
          await page.mouse.move(1, 1);
        },
        async webview(extensionId, selector) {
          const deadline = Date.now() + WEBVIEW_TIMEOUT_MS;
          for (;;) {
            const frame = await poll(`a webview of ${extensionId}`, () => findWebview(page, extensionId), deadline - Date.now());
            // VS Code may replace the content frame while it loads (a pending frame becomes the active one), and the
            // frame's first document is one of VS Code's.
            const attached = await beforeDeadline(frame.evaluate(whenAttached, selector), deadline, `${selector} in a webview of ${extensionId}`).then(
              () => true,
              (err: Error) => {
                if (frame.isDetached() || /context was destroyed/i.test(err.message)) return false;
                throw err;
              },
            );
            if (attached) return frame;
          }
        },
        runCommand: (title) => runCommand(page, title),
        async heapAfterGc() {
          const cdp = await page.context().newCDPSession(page);
          try {
            await cdp.send('HeapProfiler.collectGarbage');
            return (await cdp.send('Runtime.getHeapUsage')).usedSize;
          } finally {
            await cdp.detach();
          }
        },
        chooseFile: (path) => chooseFile(page, path),
        async webviewGone(extensionId) {
          await poll(`${extensionId}'s webview gone`, () => (findWebview(page, extensionId) ? undefined : true), WEBVIEW_TIMEOUT_MS);
        },
      });
    });
  } finally {
    rmSync(runDir, { recursive: true, force: true });
    await ollama.stop();
  }
}
