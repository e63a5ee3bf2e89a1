// Debian's Chromium driven by playwright-core (which downloads no browser of its own).
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Flags that keep headless Chromium working as root and stop it from calling Google services. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Launches headless Chromium with its profile in `profileDir` and returns its first page. */
export async function launchChromium(executablePath: string, profileDir: string): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: CHROMIUM_ARGS,
    // Our own signal handlers close the browser and then stop code-server; Playwright's would exit before that.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
