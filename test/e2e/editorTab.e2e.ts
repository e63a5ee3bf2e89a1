// The chat in an editor tab and Apply with a preview, in real VS Code (code-server in Chromium) against the Ollama
// simulator: "Open Chat in Editor" opens the chat beside the file, a reply asked in the tab streams in the tab and
// in the sidebar at once, Apply on its code block shows the diff, Accept changes the file; after a window reload
// the tab is back with the conversation.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { useChatSession, waitUntil } from './driver';

const TIMEOUT = 30_000;
const FILE = 'apply-demo.js';
const BEFORE = 'function add(a, b) {\n  return a - b;\n}\n';
const CODE = 'function add(a, b) {\n  return a + b;\n}\n';
const PROMPT = 'Fix the add function';
const REPLY = `The function subtracts instead of adding. Here is the corrected version, which returns the sum of both arguments:\n\n\`\`\`js\n${CODE}\`\`\`\n\nPress Apply to see the change before it is made.`;

describe('the chat in an editor tab, and Apply with a preview', function () {
  this.timeout(180_000);
  const { server, wb } = useChatSession();

  /** The visible chat webviews, left to right: the sidebar's first, the editor tab's last. */
  async function frames(): Promise<FrameLocator[]> {
    const outer = wb().page.locator('iframe.webview.ready');
    const boxes = await Promise.all((await outer.all()).map(async (el, i) => ({ i, x: (await el.boundingBox())?.x })));
    return boxes.filter((b) => b.x !== undefined).sort((a, b) => a.x! - b.x!).map(({ i }) => wb().chatFrame(i));
  }
  const tab = async () => (await frames()).at(-1)!;
  const sidebar = async () => (await frames())[0]!;
  const reply = async (frame: Promise<FrameLocator>) => (await frame).locator('[data-role="assistant"]').last();

  /** All the text of the active editor, read through the clipboard (the editor's DOM shows only what is on screen). */
  async function activeEditorText(): Promise<string> {
    await wb().page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await wb().page.keyboard.press('Control+A');
    await wb().page.keyboard.press('Control+C');
    return wb().page.evaluate(() => navigator.clipboard.readText());
  }

  before(() => writeFileSync(join(wb().workspaceFolder, FILE), BEFORE));

  it('streams a reply asked in the tab into the tab and the sidebar; Apply shows the diff, Accept changes the file', async () => {
    const page = wb().page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill(FILE);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: FILE }).first().click();
    await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ timeout: TIMEOUT });
    await wb().openChatView();
    await wb().waitInChat('textarea[aria-label="Message"]');
    await wb().runCommand('Ollama Chat: Open Chat in Editor');
    await page.locator('.tabs-container .tab', { hasText: 'Ollama Chat' }).waitFor({ timeout: TIMEOUT });
    await waitUntil(() => page.locator('iframe.webview.ready').count(), (n) => n === 2, 'the chat in the sidebar and in the tab');
    const input = (await tab()).locator('textarea[aria-label="Message"]');
    await input.waitFor({ timeout: TIMEOUT });

    server().enqueueReply({ text: REPLY, tokenDelayMs: 60 });
    await input.fill(PROMPT);
    await input.press('Enter');
    // While the reply streams, both views show it growing.
    for (const frame of [tab(), sidebar()]) {
      await waitUntil(async () => {
        const el = await reply(frame);
        return `${await el.getAttribute('data-status')}:${(await el.innerText()).length > 0}`;
      }, (state) => state === 'streaming:true', 'the reply streaming in both views');
    }
    for (const frame of [tab(), sidebar()]) {
      await waitUntil(async () => (await reply(frame)).getAttribute('data-status'), (s) => s === 'complete', 'the reply to complete');
    }
    // The same words and code in both (the narrow sidebar shows the code-block buttons as icons only).
    const shown = async (frame: Promise<FrameLocator>) => (await reply(frame)).locator('.markdown-body p, .markdown-body pre code').allInnerTexts();
    const inTab = await shown(tab());
    assert.deepEqual(await shown(sidebar()), inTab, 'the same reply in both');
    assert.equal(inTab.at(1), CODE.trimEnd());
    await wb().screenshot('editor-tab');

    const block = (await reply(tab())).locator('.code-block').first();
    await block.hover();
    await block.locator('button[data-action="apply-code"]').click();
    const diff = page.locator('.monaco-diff-editor');
    await diff.first().waitFor({ timeout: TIMEOUT });
    await page.locator('.tabs-container .tab', { hasText: 'proposed change' }).waitFor({ timeout: TIMEOUT });
    await page.mouse.move(1, 1);
    // test-results/apply-diff.png: the README's docs/apply-diff.png is copied from it by hand, not by every run.
    await wb().screenshot('apply-diff');
    await page.locator('.editor-actions .action-label[aria-label^="Accept Proposed Change"]').click();
    await waitUntil(() => diff.count(), (n) => n === 0, 'the diff to close');

    await page.locator('.tabs-container .tab', { hasText: FILE }).click();
    await waitUntil(activeEditorText, (text) => text === CODE, 'the file to hold the applied code');
  });

  it('after a window reload the tab is back, showing the conversation', async () => {
    const page = wb().page;
    await wb().runCommand('View: Close Primary Side Bar');
    await wb().reload();
    await page.locator('.tabs-container .tab', { hasText: 'Ollama Chat' }).click({ timeout: TIMEOUT });
    await wb().waitInChat('[data-role="assistant"][data-status="complete"]');
    assert.equal(await page.locator('iframe.webview.ready').count(), 1, 'only the tab shows the chat');
    await wb().chatFrame().locator('[data-role="user"]', { hasText: PROMPT }).waitFor({ timeout: TIMEOUT });
  });
});
