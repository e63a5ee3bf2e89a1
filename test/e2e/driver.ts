// Drives the real VS Code workbench (code-server in headless Chromium) with the extension under development, for
// UI tests written as mocha files (`test/e2e/*.e2e.ts`, run in plain Node by `test/harness/runE2E.ts`).
//
//   describe('chat', () => {
//     const workbench = useWorkbench({ settings: { 'ollamaChat.host': server.url } });
//     it('shows the view', async () => { await workbench().openChatView(); … });
//   });
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import type { ConsoleMessage, FrameLocator, Locator, Page } from 'playwright-core';
import { OllamaSimulator } from '../../simulator';
import { freePort } from '../harness/codeServer';
import { chooseFileInDialog } from '../harness/fileDialog';
import { repoRoot } from '../harness/install';
import { onInterrupt } from '../harness/processGroup';
import { openWorkbench, type WorkbenchSession } from '../harness/workbench';

/** Title of the extension's activity-bar container (package.json `viewsContainers`). */
const CHAT_CONTAINER_TITLE = 'Ollama Chat';
/** Where screenshots go; git-ignored. */
export const resultsDir = join(repoRoot, 'test-results');

const STARTUP_TIMEOUT = 60_000;
const UI_TIMEOUT = 15_000;
/** A fresh webview's first content takes ~3 s, much longer on a busy 2-core machine. */
const WEBVIEW_TIMEOUT = 30_000;

export interface WorkbenchLaunchOptions {
  /** User settings for the profile (e.g. `ollamaChat.host`), written before the first start. */
  settings?: Record<string, unknown>;
  /** Extension to load. Default: this repository; `null` loads only installed extensions. */
  extensionDevelopmentPath?: string | null;
  /** VSIX files installed into the profile before VS Code starts. */
  installExtensions?: string[];
  /** Display language of the window (code-server's `--locale`). */
  locale?: string;
}

interface SmokeTestDriver {
  whenWorkbenchRestored(): Promise<void>;
}

/** The workbench logs extension-host output as `%c[Extension Host] %c<format>`, two CSS arguments, then the rest. */
const HOST_CONSOLE_PREFIX = '%c[Extension Host] %c';

/** Formats the host's console arguments as Node's console would. */
async function formatHostConsole(message: ConsoleMessage): Promise<string> {
  const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '<unavailable>')));
  const [first, , , ...rest] = values as unknown[];
  return format(String(first).slice(HOST_CONSOLE_PREFIX.length), ...rest);
}

/** The text box of the command palette and of every quick pick. */
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An open workbench window with the development extension loaded. */
export class Workbench {
  private readonly hostConsole: Promise<string>[] = [];
  /** Ctrl+C or a timeout of the run also removes the profile, not only the processes. */
  private readonly unregisterInterrupt = onInterrupt(() => this.close());

  private constructor(
    private session: WorkbenchSession,
    private readonly runDir: string,
    private readonly port: number,
    private readonly extensionDevelopmentPath: string | undefined,
  ) {}

  /**
   * Starts code-server and Chromium on a private profile and waits until the workbench is restored.
   * The profile folder and port stay fixed for the lifetime of this object, so `restart()` keeps workspaceState.
   */
  static async launch(options: WorkbenchLaunchOptions = {}): Promise<Workbench> {
    const runDir = mkdtempSync(join(tmpdir(), 'ollama-chat-e2e-'));
    let session: WorkbenchSession | undefined;
    let workbench: Workbench | undefined;
    try {
      const port = await freePort();
      const extensionPath = options.extensionDevelopmentPath === null ? undefined : options.extensionDevelopmentPath ?? repoRoot;
      session = await Workbench.open(runDir, port, extensionPath, options.settings, options.installExtensions, options.locale);
      workbench = new Workbench(session, runDir, port, extensionPath);
      await workbench.waitUntilRestored();
      return workbench;
    } catch (err) {
      await (workbench?.close() ?? session?.close());
      rmSync(runDir, { recursive: true, force: true });
      throw err;
    }
  }

  private static open(
    runDir: string,
    port: number,
    extensionDevelopmentPath: string | undefined,
    settings?: Record<string, unknown>,
    installExtensions?: string[],
    locale?: string,
  ): Promise<WorkbenchSession> {
    return openWorkbench({ server: { runDir, port, settings, installExtensions, locale }, payload: { extensionDevelopmentPath } });
  }

  /** The folder the window has open (its `.vscode/settings.json` are the workspace's settings). */
  get workspaceFolder(): string {
    return this.session.server.workspaceFolder;
  }

  /** The Playwright page showing the workbench (replaced by `restart()`). */
  get page(): Page {
    return this.session.page;
  }

  /** Extension-host `console.*` lines logged so far, oldest first (UI mode sends them to the page console only). */
  async collectExtensionHostConsole(): Promise<string[]> {
    return Promise.all(this.hostConsole);
  }

  private listenToExtensionHost(): void {
    this.page.on('console', (message) => {
      if (message.text().startsWith(HOST_CONSOLE_PREFIX)) this.hostConsole.push(formatHostConsole(message));
    });
  }

  /** Attaches to a freshly opened page and waits until the workbench is restored. */
  private async waitUntilRestored(): Promise<void> {
    this.listenToExtensionHost();
    await this.whenRestored();
  }

  /** `window.driver` exists only with `enable-smoke-test-driver`; its promise settles once views are restored. */
  private async whenRestored(): Promise<void> {
    await this.page.waitForFunction(() => 'driver' in window, undefined, { timeout: STARTUP_TIMEOUT });
    await this.page.evaluate(() => (window as unknown as { driver: SmokeTestDriver }).driver.whenWorkbenchRestored());
  }

  /**
   * Runs a command by its palette title ("Category: Title"), clicking the exactly matching row. Returns once the
   * palette has closed or turned into the command's own quick pick (see `pickQuickPickItem`).
   */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator(QUICK_INPUT);
    await this.page.keyboard.press('F1');
    // F1 can be swallowed (e.g. by a focused webview); Ctrl+Shift+P is the palette's other default key.
    const opened = await input.waitFor({ timeout: 2_000 }).then(() => true, () => false);
    if (!opened) await this.page.keyboard.press('Control+Shift+P');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(`>${title}`);
    await this.clickQuickPickRow(title);
    await this.page.waitForFunction(
      (selector) => {
        const box = document.querySelector<HTMLInputElement>(selector);
        return !box || box.offsetParent === null || !box.value.startsWith('>');
      },
      QUICK_INPUT,
      { timeout: UI_TIMEOUT },
    );
  }

  /** Chooses an item in an open quick pick (e.g. from `showQuickPick`) by its label. */
  async pickQuickPickItem(label: string): Promise<void> {
    const input = this.page.locator(QUICK_INPUT);
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(label);
    await this.clickQuickPickRow(label);
  }

  /** Chooses the file at `path` in the open-file dialog VS Code shows in the browser. */
  chooseFileInDialog(path: string): Promise<void> {
    return chooseFileInDialog(this.page, path, UI_TIMEOUT);
  }

  private async clickQuickPickRow(label: string): Promise<void> {
    const exact = new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
    const row = this.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) })
      .first();
    await row.click({ timeout: UI_TIMEOUT });
  }

  /** Opens the "Ollama Chat" activity-bar container (leaves it open if it already is). */
  async openChatView(): Promise<void> {
    const tab = this.page
      .locator('.part.activitybar li.action-item[role="tab"]')
      .filter({ has: this.page.locator(`a.action-label[aria-label^="${CHAT_CONTAINER_TITLE}"]`) });
    await tab.waitFor({ timeout: UI_TIMEOUT });
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
      await tab.click();
      // Move away so the tab's hover tooltip does not cover the view in screenshots.
      await this.page.mouse.move(1, 1);
    }
    await this.sideBarTitle(CHAT_CONTAINER_TITLE).waitFor({ timeout: UI_TIMEOUT });
  }

  /** The side bar's title element, optionally only while its text starts with `prefix`. */
  sideBarTitle(prefix = ''): ReturnType<Page['locator']> {
    return this.page.locator('.part.sidebar .composite.title h2', { hasText: new RegExp(`^${escapeRegExp(prefix)}`) });
  }

  /**
   * The content of the `index`-th visible webview (the chat view when it is the only one). Webviews are rebuilt
   * when shown again, so query through this after switching views rather than keeping old locators.
   */
  chatFrame(index = 0): FrameLocator {
    const outer = this.page.locator('iframe.webview.ready').nth(index).contentFrame();
    return outer.locator('iframe#active-frame').contentFrame();
  }

  /** Waits for an element in the chat webview, with the generous timeout webviews need. */
  async waitInChat(selector: string, index = 0): Promise<void> {
    await this.chatFrame(index).locator(selector).first().waitFor({ state: 'attached', timeout: WEBVIEW_TIMEOUT });
  }

  /** "Developer: Reload Window": same server and profile, new page load; the development extension comes back. */
  async reload(): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: STARTUP_TIMEOUT });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.whenRestored();
  }

  /** Stops server and browser and starts them again on the same profile and port (workspaceState persists). */
  async restart(): Promise<void> {
    await this.session.close();
    this.session = await Workbench.open(this.runDir, this.port, this.extensionDevelopmentPath);
    await this.waitUntilRestored();
  }

  /** Saves a PNG of the whole workbench (webviews included) as `test-results/<name>.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const path = join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Closes Chromium, stops code-server and removes the profile. */
  async close(): Promise<void> {
    this.unregisterInterrupt();
    await this.session.close();
    rmSync(this.runDir, { recursive: true, force: true });
  }
}

/** Polls `read` until `accept` holds; fails with the last value seen. No fixed sleeps. */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Launches a workbench, runs `fn` with it and always closes it. */
export async function withWorkbench<T>(
  options: WorkbenchLaunchOptions,
  fn: (workbench: Workbench) => Promise<T>,
): Promise<T> {
  const workbench = await Workbench.launch(options);
  try {
    return await fn(workbench);
  } finally {
    await workbench.close();
  }
}

/**
 * Mocha hooks for a `describe` block sharing one workbench: launched before the first test, a screenshot of every
 * failed test in `test-results/`, closed after the last test. Returns an accessor for the tests.
 */
export function useWorkbench(options: WorkbenchLaunchOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(STARTUP_TIMEOUT * 2);
    workbench = await Workbench.launch(options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && workbench) {
      console.log(`    screenshot: ${await workbench.screenshot(`failed-${test.fullTitle()}`)}`);
    }
  });
  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not start (see the "before all" hook)');
    return workbench;
  };
}

/** A window talking to an Ollama simulator, for one `describe` block, with the chat view's usual places. */
export interface ChatSession {
  /** The simulator the window's `ollamaChat.host` points at. */
  server(): OllamaSimulator;
  /** Puts another simulator in its place (e.g. one started again on the same port). */
  setServer(server: OllamaSimulator): void;
  wb(): Workbench;
  /** The chat view's webview content. */
  chat(): FrameLocator;
  /** The last reply in the chat view. */
  assistant(): Locator;
  /** Types `text` into the message box and sends it when Send is enabled; resolves when the message is on screen. */
  send(text: string): Promise<void>;
}

/**
 * Starts an Ollama simulator before the block's tests and a workbench whose user settings point at it (plus
 * `settings`, and what `lateSettings` gives once the simulator runs), and stops both after them.
 */
export function useChatSession(settings: Record<string, unknown> = {}, lateSettings?: () => Promise<Record<string, unknown>>): ChatSession {
  const userSettings: Record<string, unknown> = { 'ollamaChat.model': 'mistral', ...settings };
  let server: OllamaSimulator | undefined;
  before(async () => {
    server = await OllamaSimulator.start();
    userSettings['ollamaChat.host'] = server.url;
    // Settings that name what starts only now (e.g. a second simulator as another host).
    Object.assign(userSettings, await lateSettings?.());
  });
  after(() => server?.stop());
  const workbench = useWorkbench({ settings: userSettings });
  const chat = (): FrameLocator => workbench().chatFrame();
  return {
    server: () => {
      if (!server) throw new Error('the Ollama simulator did not start (see the "before all" hook)');
      return server;
    },
    setServer: (next) => (server = next),
    wb: workbench,
    chat,
    assistant: () => chat().locator('[data-role="assistant"]').last(),
    send: async (text) => {
      const input = chat().locator('textarea[aria-label="Message"]');
      await input.fill(text);
      await chat().locator('button[aria-label="Send"]:not([disabled])').waitFor({ timeout: WEBVIEW_TIMEOUT });
      await input.press('Enter');
      await chat().locator('[data-role="user"]', { hasText: text }).last().waitFor({ timeout: WEBVIEW_TIMEOUT });
    },
  };
}
