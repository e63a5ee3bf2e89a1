/** The workbench's quick input as a user works it: the command palette and VS Code's own open-file dialog. */
import type { Page } from 'playwright-core';
import { chooseFileInDialog } from '../test/harness/fileDialog';

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

/** Opens the file at `path` in the open-file dialog VS Code shows in the browser. */
export function chooseFile(page: Page, path: string): Promise<void> {
  return chooseFileInDialog(page, path, TIMEOUT_MS);
}
