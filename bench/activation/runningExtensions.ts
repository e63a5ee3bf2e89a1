/**
 * VS Code's own activation figure, read where a user reads it: "Developer: Show Running Extensions" lists every
 * activated extension with "Activation: N ms", which is the extension host's code-loading time plus the time of
 * the `activate()` call (the workbench adds `codeLoadingTime + activateCallTime`; code-server 1.139).
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
