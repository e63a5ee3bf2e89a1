/**
 * The chat view's real bundle in headless Chromium, as VS Code would show it in a side bar: the HTML (with its
 * Content Security Policy) from `renderWebviewHtml`, `dist/webview.js` and `media/chat.css`, a stand-in for
 * `acquireVsCodeApi`, and host messages delivered as `message` events.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, renderWebviewHtml } from '../../src/chat/webviewHtml';
import type { HostMessage, WebviewMessage } from '../../src/shared/protocol';
import { isVscodeWebInstalled, readVscodeWebInstall } from '../../test/harness/install';

/** A made-up origin the page is served from by request interception (nothing goes on the network). */
const ORIGIN = 'https://ollama-chat-view.bench';
/** About the size of VS Code's side bar. */
const VIEWPORT = { width: 400, height: 900 };
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html' };
/** Headless and quiet (the test harness's flags; `browser.startTracing` needs a non-persistent browser, so its launcher is not reused). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** What the init script adds to the page's window. */
interface BenchWindow {
  benchPosts: WebviewMessage[];
  benchLongTasks: number[];
}

/** Runs in the page before its scripts: the VS Code API stand-in, theme variables, a long-task recorder. */
function initPage(): void {
  const w = window as unknown as BenchWindow & { acquireVsCodeApi(): unknown };
  w.benchPosts = [];
  w.benchLongTasks = [];
  let state: unknown;
  w.acquireVsCodeApi = () => ({
    postMessage: (message: WebviewMessage) => w.benchPosts.push(message),
    getState: () => state,
    setState: (next: unknown) => (state = next),
  });
  // A few of the variables VS Code's webview host sets, so fonts and sizes are those of the editor.
  document.addEventListener('DOMContentLoaded', () => {
    const style = document.documentElement.style;
    style.setProperty('--vscode-font-family', 'system-ui, sans-serif');
    style.setProperty('--vscode-font-size', '13px');
    style.setProperty('--vscode-editor-font-family', 'monospace');
    style.setProperty('--vscode-editor-font-size', '14px');
  });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => w.benchLongTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
}

/** The page with the view, and what measures it. */
export interface ViewPage {
  browser: Browser;
  page: Page;
  /** Loads the view anew and resolves once it said `ready`. */
  load(): Promise<void>;
  /** Delivers host messages as `message` events, then waits until the view has drawn the next frame. */
  send(messages: HostMessage[]): Promise<void>;
  /**
   * Delivers each message in its own animation frame, as the host's one-post-per-frame coalescing does;
   * `null` lets a frame pass without a message (what the page costs when nothing changes).
   */
  sendPerFrame(messages: (HostMessage | null)[]): Promise<void>;
  /** After a full garbage collection: JS heap in use (bytes), DOM nodes and event listeners (detached ones included). */
  memoryAfterGc(): Promise<{ heap: number; nodes: number; listeners: number }>;
  /** Durations of long tasks (≥ 50 ms) the page observed so far. */
  longTasks(): Promise<number[]>;
  close(): Promise<void>;
}

function chromiumPath(): string {
  return isVscodeWebInstalled() ? readVscodeWebInstall().chromium : '/usr/bin/chromium';
}

/** Launches Chromium with the view served from `repoRoot` (its `dist/` and `media/`). Call `load()` next. */
export async function openView(repoRoot: string): Promise<ViewPage> {
  const bundle = join(repoRoot, 'dist', 'webview.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run node esbuild.js`);
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.addInitScript(initPage);
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') {
        const html = renderWebviewHtml({ cspSource: ORIGIN, nonce: createNonce(), scriptUri: `${ORIGIN}/dist/webview.js`, styleUri: `${ORIGIN}/media/chat.css` });
        return route.fulfill({ contentType: TYPES['.html'], body: html });
      }
      const file = normalize(join(repoRoot, path));
      const allowed = [join(repoRoot, 'dist'), join(repoRoot, 'media')].some((root) => file.startsWith(root));
      if (!allowed || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
    const cdp = await page.context().newCDPSession(page);
    const nextFrame = (): Promise<void> => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const checkErrors = (): void => {
      if (errors.length) throw new Error(`the view threw: ${errors.join('; ')}`);
    };
    return {
      browser,
      page,
      async load() {
        await page.goto(`${ORIGIN}/`);
        await page.waitForFunction(() => (window as unknown as BenchWindow).benchPosts.some((m) => m.type === 'ready'));
        checkErrors();
      },
      async send(messages) {
        await page.evaluate((batch) => batch.forEach((data) => window.dispatchEvent(new MessageEvent('message', { data }))), messages);
        await nextFrame();
        checkErrors();
      },
      async sendPerFrame(messages) {
        // The view draws deltas in requestAnimationFrame; the callback queued here runs after its own, and the
        // timeout after the frame is painted, so every message gets a frame of its own.
        await page.evaluate(async (batch) => {
          for (const data of batch) {
            if (data) window.dispatchEvent(new MessageEvent('message', { data }));
            await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          }
        }, messages);
        checkErrors();
      },
      async memoryAfterGc() {
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
        return { heap: usedSize, nodes, listeners: jsEventListeners };
      },
      longTasks: () => page.evaluate(() => (window as unknown as BenchWindow).benchLongTasks),
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
