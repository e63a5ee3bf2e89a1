/** VS Code's own open-file dialog, as VS Code in the browser shows it (a quick input), worked as a user works it. */
import type { Page } from 'playwright-core';

/** The text box of the command palette, of quick picks and of the file dialog. */
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

/**
 * Chooses the file at `path` in the open dialog (types the path, presses Enter). The dialog fills in its folder once
 * it has listed it, over anything typed before, and Enter on a folder opens the folder: so the path is typed until it
 * stays and its file is listed.
 */
export async function chooseFileInDialog(page: Page, path: string, timeoutMs: number): Promise<void> {
  const input = page.locator(QUICK_INPUT);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const row = page.locator('.quick-input-widget .monaco-list-row .label-name', { hasText: name }).filter({ visible: true });
  const deadline = Date.now() + timeoutMs;
  do {
    await input.fill(path);
    await row.first().waitFor({ timeout: 1_000 }).catch(() => undefined);
    if (Date.now() > deadline) throw new Error(`the file dialog did not take ${path}`);
  } while ((await input.inputValue()) !== path || !(await row.count()));
  await input.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
}
