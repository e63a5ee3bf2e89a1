/**
 * VS Code's own activation figures, read where a user reads them. "Developer: Show Running Extensions" lists every
 * activated extension with "Activation: N ms": the extension host's code-loading time plus the time of the
 * `activate()` call until it returned (the workbench adds `codeLoadingTime + activateCallTime`; code-server 1.139).
 * An `async activate()` returns at its first `await`: the rest shows only as "Finish Activate" in the table of
 * "Developer: Startup Performance", read here too.
 */
import type { Page } from 'playwright-core';
import { runCommand } from '../palette';

const ROW = '.runtime-extensions-editor .monaco-list-row';
/** The list is virtual (70 px a row): scroll it this often at most to find every name. */
const MAX_SCROLLS = 30;

/** An extension as the editor names it: its display name, or its id (a development extension has only that). */
export interface ShownExtension {
  id: string;
  displayName?: string;
}

/** The "Activation" figure (ms) of each extension, by id. */
export async function runningExtensionsActivation(page: Page, extensions: readonly ShownExtension[]): Promise<Map<string, number>> {
  const byName = new Map(extensions.flatMap((e) => [[e.id, e.id], ...(e.displayName ? [[e.displayName, e.id] as const] : [])]));
  await runCommand(page, 'Developer: Show Running Extensions');
  await page.locator(ROW).first().waitFor({ timeout: 60_000 });
  const found = new Map<string, number>();
  const seen = new Set<string>();
  const box = await page.locator(ROW).first().boundingBox();
  for (let scroll = 0; scroll <= MAX_SCROLLS && found.size < extensions.length; scroll++) {
    const rows = await page.locator(ROW).evaluateAll((elements) =>
      elements.map((row) => [row.querySelector('.name')?.textContent ?? '', row.querySelector('.activation-time')?.textContent ?? '']));
    for (const [name, time] of rows) {
      seen.add(`${name}: ${time}`);
      const ms = /Activation:\s*(\d+(?:\.\d+)?)\s*ms/.exec(time);
      const id = byName.get(name);
      if (id && ms) found.set(id, Number(ms[1]));
    }
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 350);
  }
  const missing = extensions.filter((e) => !found.has(e.id)).map((e) => e.id);
  if (missing.length) throw new Error(`Running Extensions shows no activation time for ${missing.join(', ')}; it shows ${[...seen].join('; ')}`);
  await page.keyboard.press('Escape');
  return found;
}

/** One row of the "Extension Activation Stats" table of Developer: Startup Performance (ms). */
export interface ActivationStats {
  loadCode: number;
  callActivate: number;
  finishActivate: number;
}

/** The activation stats of each extension id, from the Startup Performance editor (found with the editor's Find). */
export async function startupPerformanceActivation(page: Page, ids: readonly string[]): Promise<Map<string, ActivationStats>> {
  await runCommand(page, 'Developer: Startup Performance');
  const found = page.locator('.monaco-editor', { has: page.locator('.view-line', { hasText: 'Extension Activation Stats' }) }).first();
  await found.waitFor({ timeout: 60_000 });
  // Marked, because a search scrolls the heading out of the editor's (virtual) lines and the locator above then fails.
  await found.evaluate((element) => element.setAttribute('data-bench-startup-performance', ''));
  const editor = page.locator('.monaco-editor[data-bench-startup-performance]');
  const stats = new Map<string, ActivationStats>();
  for (const id of ids) {
    // Find scrolls the line into the (virtual) view.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+F');
    await editor.locator('.find-widget.visible').waitFor({ timeout: 10_000 });
    // Cells are padded with spaces; the space after the id keeps `vscode.git` from matching `vscode.git-base`.
    await page.keyboard.insertText(`| ${id} `);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    // The editor scrolls to the match and draws its lines in a later frame: read them until the row is there.
    let cells: string[] | undefined;
    for (const deadline = Date.now() + 10_000; !cells && Date.now() < deadline; await page.waitForTimeout(50)) {
      const lines = await editor.locator('.view-line').allTextContents();
      cells = lines.map((l) => l.replace(/\u00a0/g, ' ').split('|').map((c) => c.trim())).find((c) => c[1] === id);
    }
    // | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
    if (!cells) throw new Error(`Startup Performance shows no activation row for ${id}`);
    stats.set(id, { loadCode: Number(cells[3]), callActivate: Number(cells[4]), finishActivate: Number(cells[5]) });
  }
  return stats;
}
