/**
 * The chat view's real bundle in headless Chromium, as VS Code would show it in a side bar: the HTML (with its
 * Content Security Policy) from `renderWebviewHtml`, `dist/webview.js` and `media/chat.css`, a stand-in for
 * `acquireVsCodeApi`, and host messages delivered as `message` events.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, renderWebviewHtml } from '../../src/core/view/webviewHtml';
import type { HostMessage, WebviewMessage } from '../../src/shared/protocol';
import { isVscodeWebInstalled, readVscodeWebInstall } from '../../test/harness/install';

/** A made-up origin the page is served from by request interception (nothing goes on the network). */
export const ORIGIN = 'https://ollama-chat-view.bench';
/** About the size of VS Code's side bar. */
const VIEWPORT = { width: 400, height: 900 };
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.html': 'text/html' };
/** Headless and quiet (the test harness's flags; `browser.startTracing` needs a non-persistent browser, so its launcher is not reused). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** What the init script adds to the page's window. */
interface BenchWindow {
  benchPosts: WebviewMessage[];
}

/** Runs in the page before its scripts: the VS Code API stand-in and theme variables. */
function initPage(): void {
  const w = window as unknown as BenchWindow & { acquireVsCodeApi(): unknown };
  w.benchPosts = [];
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
}

/**
 * Runs in the page: dispatches host messages as `message` events (`null`: none), all at once or one per animation
 * frame, and resolves after the frame that follows. The view draws deltas in requestAnimationFrame; the callback
 * queued here runs after its own, and the timeout after the frame is painted.
 */
async function deliver({ batch, perFrame }: { batch: (HostMessage | null)[]; perFrame: boolean }): Promise<void> {
  const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  for (const data of batch) {
    if (data) window.dispatchEvent(new MessageEvent('message', { data }));
    if (perFrame) await frame();
  }
  if (!perFrame) await frame();
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
  /**
   * Once the page is idle (deferred work such as syntax highlighting done) and after a full garbage collection:
   * JS heap in use (bytes), DOM nodes and event listeners (detached ones included).
   */
  memoryAfterGc(): Promise<{ heap: number; nodes: number; listeners: number }>;
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
    const send = async (batch: (HostMessage | null)[], perFrame: boolean): Promise<void> => {
      await page.evaluate(deliver, { batch, perFrame });
      if (errors.length) throw new Error(`the view threw: ${errors.join('; ')}`);
    };
    return {
      browser,
      page,
      async load() {
        await page.goto(`${ORIGIN}/`);
        await page.waitForFunction(() => (window as unknown as BenchWindow).benchPosts.some((m) => m.type === 'ready'));
        await send([], false);
      },
      send: (messages) => send(messages, false),
      sendPerFrame: (messages) => send(messages, true),
      async memoryAfterGc() {
        await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
        return { heap: usedSize, nodes, listeners: jsEventListeners };
      },
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
