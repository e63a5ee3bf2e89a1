/** The workbench's quick input as a user works it: the command palette and VS Code's own open-file dialog. */
import type { Page } from 'playwright-core';

/** The text box of the command palette, of quick picks and of the file dialog. */
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
const TIMEOUT_MS = 60_000;

/** Runs a command from the command palette by its title ("Category: Title"), clicking its row. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator(QUICK_INPUT);
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: title }), visible: true });
  // A webview that takes the focus (a view being revealed) closes the palette: then try again.
  for (let attempt = 1; ; attempt++) {
    try {
      // The editor area takes the focus from a webview, which would keep F1 to itself.
      await page.locator('.part.editor').click({ position: { x: 20, y: 20 } });
      await page.keyboard.press('F1');
      await input.fill(`>${title}`, { timeout: 5_000 });
      await row.first().click({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Opens the file at `path` in the open-file dialog VS Code shows in the browser (type the path, press Enter). */
export async function chooseFile(page: Page, path: string): Promise<void> {
  const input = page.locator(QUICK_INPUT);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const row = page.locator('.quick-input-widget .monaco-list-row .label-name', { hasText: name }).filter({ visible: true });
  // The dialog fills in its folder once it has listed it, over anything typed before; Enter on a folder opens the
  // folder. So: type until the path stays and its file is listed, then press Enter.
  const deadline = Date.now() + TIMEOUT_MS;
  do {
    await input.fill(path);
    await row.first().waitFor({ timeout: 1_000 }).catch(() => undefined);
    if (Date.now() > deadline) throw new Error(`the file dialog did not take ${path}`);
  } while ((await input.inputValue()) !== path || !(await row.count()));
  await input.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
}
