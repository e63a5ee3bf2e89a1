// A person using the chat in real VS Code (code-server in Chromium) against the project's Ollama simulator:
// streaming, Stop, reload, model picker, Ask about Selection, Ollama down + Retry, code actions, hostile replies,
// history, themes. The tests run in order and share one window, like one person's session.
import * as assert from 'node:assert/strict';
import { OllamaSimulator } from '../../simulator';
import { useChatSession, waitUntil } from './driver';

const REPLY_TIMEOUT = 30_000;

describe('chat view in real VS Code', function () {
  this.timeout(120_000);
  const { server, setServer, wb, chat, assistant } = useChatSession();
  const replyText = async (): Promise<string> => (await assistant().locator('.markdown-body').textContent()) ?? '';
  const status = (): Promise<string | null> => assistant().getAttribute('data-status');

  async function send(text: string): Promise<void> {
    const input = chat().locator('textarea[aria-label="Message"]');
    await input.waitFor({ timeout: REPLY_TIMEOUT });
    await input.fill(text);
    // Enter is ignored while a reply is still finishing; a person would wait for the Send button too.
    await waitUntil(() => chat().locator('button[aria-label="Send"]').isEnabled(), (enabled) => enabled, 'the Send button to be enabled');
    await input.press('Enter');
    await chat().locator('[data-role="user"]', { hasText: text.slice(0, 30) }).last().waitFor({ timeout: REPLY_TIMEOUT });
  }

  async function waitForStatus(expected: string): Promise<void> {
    await waitUntil(status, (s) => s === expected, `the reply to be ${expected}`);
  }

  it('streams a markdown reply that grows piece by piece', async () => {
    await wb().openChatView();
    await wb().waitInChat('.message-log');
    await send('Show me streaming [[slow]]');
    await waitForStatus('streaming');
    const first = await waitUntil(replyText, (t) => t.length > 0, 'the first token');
    const later = await waitUntil(replyText, (t) => t.length > first.length + 20, 'more tokens');
    assert.equal(await status(), 'streaming', `the reply was still streaming while it grew to ${later.length} characters`);
    await waitForStatus('complete');
    assert.ok(await assistant().locator('.markdown-body li').count() > 0, 'a rendered list');
    assert.ok(await assistant().locator('.markdown-body pre code').count() > 0, 'a rendered code block');
    await assistant().locator('.message-stats').filter({ hasText: /tokens/ }).waitFor();
    await wb().screenshot('chat-light');
  });

  it('Stop ends a reply mid-way, keeps the text and marks it stopped', async () => {
    await send('Please stop me [[slow]]');
    await waitUntil(replyText, (t) => t.length > 10, 'some text before stopping');
    const before = server().requests.filter((r) => r.path === '/api/chat').pop()!;
    await chat().locator('button[aria-label="Stop"]').click();
    await waitForStatus('stopped');
    await assistant().locator('.message-stopped').waitFor({ state: 'visible' });
    assert.equal(await before.done, 'clientClosed', 'the request was closed on the server');
    assert.ok((await replyText()).length > 10);
  });

  it('keeps the conversation across a window reload', async () => {
    const userMessages = await chat().locator('[data-role="user"]').count();
    await wb().reload();
    await wb().openChatView();
    await wb().waitInChat('[data-role="user"]');
    await waitUntil(() => chat().locator('[data-role="user"]').count(), (n) => n === userMessages, 'all user messages after the reload');
    assert.equal(await status(), 'stopped');
    assert.match(await chat().locator('[data-role="user"]').last().textContent() ?? '', /Please stop me/);
  });

  it('keeps a reply that streams while the view is hidden, and shows it again', async () => {
    await send('Keep going while hidden [[slow]]');
    const seen = await waitUntil(replyText, (t) => t.length > 10, 'some text');
    const request = server().requests.filter((r) => r.path === '/api/chat').pop()!;
    const sentBefore = request.tokensSent;
    await wb().runCommand('View: Show Explorer');
    await waitUntil(async () => request.tokensSent, (n) => n >= sentBefore + 10, 'tokens streamed while the view was hidden');
    await wb().openChatView();
    await waitUntil(replyText, (t) => t.length > seen.length, 'the text that arrived while hidden');
    await waitForStatus('complete');
  });

  it('Focus Chat Input and New Conversation put the cursor in the message box, also when the view was hidden', async () => {
    for (const command of ['Ollama Chat: Focus Chat Input', 'Ollama Chat: New Conversation']) {
      await wb().runCommand('View: Show Explorer');
      await wb().runCommand(command);
      const input = chat().locator('textarea[aria-label="Message"]');
      await waitUntil(() => input.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false), (focused) => focused,
        `the message box to have the focus after "${command}"`);
    }
  });

  it('keeps what had arrived when the window reloads mid-reply', async () => {
    await send('Reload while streaming [[slow]]');
    const seen = await waitUntil(replyText, (t) => t.length > 40, 'some text before the reload');
    // A streaming reply is written to storage every half second, and in VS Code in the browser nothing the extension
    // host writes after the page unloads is kept: so the promise is all but the last half second. What was on screen
    // a second before the reload must be there after it.
    const seenAt = Date.now();
    await waitUntil(replyText, (t) => t.length > seen.length && Date.now() - seenAt > 1_000, 'the reply to go on for a second');
    await wb().reload();
    await wb().openChatView();
    await chat().locator('[data-role="user"]', { hasText: 'Reload while streaming' }).waitFor({ timeout: REPLY_TIMEOUT });
    await waitForStatus('stopped');
    const kept = await replyText();
    assert.ok(kept.length >= seen.length, `kept ${kept.length} characters, had seen ${seen.length}`);
  });

  it('picks another model from the command palette and shows it in the status bar', async () => {
    await wb().runCommand('Ollama Chat: Pick Model');
    await wb().pickQuickPickItem('llama3.2:latest');
    await wb().page.locator('.statusbar-item', { hasText: 'llama3.2:latest' }).first().waitFor({ timeout: REPLY_TIMEOUT });
    await send('Which model answers?');
    await waitForStatus('complete');
    const last = server().requests.filter((r) => r.path === '/api/chat').pop()!;
    assert.equal((last.body as { model: string }).model, 'llama3.2:latest');
  });

  it('asks about the selection in an editor', async () => {
    await wb().runCommand('File: New Untitled Text File');
    const editor = wb().page.locator('.monaco-editor .view-lines').first();
    await editor.click();
    // No brackets or indentation: the editor would auto-close and auto-indent them as it does for a person.
    await wb().page.keyboard.type('let total = price * quantity\nprint total');
    await wb().page.keyboard.press('Control+A');
    await wb().runCommand('Ollama Chat: Ask Mistral about Selection');
    const input = wb().page.locator('.quick-input-widget .quick-input-box input');
    await waitUntil(() => input.inputValue(), (v) => v === 'Explain this code', 'the default question');
    await input.press('Enter');
    await wb().openChatView();
    await chat().locator('[data-role="user"]', { hasText: 'Explain this code' }).last().waitFor({ timeout: REPLY_TIMEOUT });
    await waitForStatus('complete');
    const last = server().requests.filter((r) => r.path === '/api/chat').pop()!;
    const messages = (last.body as { messages: { content: string }[] }).messages;
    assert.match(messages[messages.length - 1].content, /^Explain this code\n\nFrom `Untitled-1` \(lines 1-2, plaintext\):\n\n```\nlet total = price \* quantity\nprint total\n```$/);
  });

  it('inserts a code block from a reply at the cursor', async () => {
    await wb().runCommand('File: New Untitled Text File');
    await wb().openChatView();
    await assistant().locator('.code-block').first().hover();
    await assistant().locator('button[aria-label="Insert at Cursor"]').first().click();
    const code = (await assistant().locator('.code-block code').first().textContent()) ?? '';
    await waitUntil(async () => (await wb().page.locator('.monaco-editor .view-lines').first().textContent()) ?? '',
      (text) => text.replace(/\s+/g, '').includes(code.replace(/\s+/g, '').slice(0, 20)), 'the code in the editor');
  });

  it('attaches the current file as a removable chip and sends it with the message', async () => {
    await wb().runCommand('File: New Untitled Text File');
    await wb().page.locator('.monaco-editor .view-lines').first().click();
    await wb().page.keyboard.type('SECRET_SAUCE = 42');
    await wb().openChatView();
    await chat().locator('button[aria-label="Attach current file"]').click();
    const chip = chat().locator('.chip', { hasText: 'Untitled-' });
    await chip.waitFor({ timeout: REPLY_TIMEOUT });
    await chip.locator('button[aria-label^="Remove attachment"]').click();
    await waitUntil(() => chat().locator('.chip').count(), (n) => n === 0, 'the chip to be removed');
    await chat().locator('button[aria-label="Attach current file"]').click();
    await chip.waitFor({ timeout: REPLY_TIMEOUT });
    const before = server().requests.length;
    await send('What does this file set?');
    await waitUntil(() => chat().locator('.chip').count(), (n) => n === 0, 'the chips to clear after sending');
    const request = await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before);
    const messages = (request.body as { messages: { content: string }[] }).messages;
    assert.match(messages[messages.length - 1].content, /^What does this file set\?\n\nAttached file `Untitled-\d+`:\n\n```\nSECRET_SAUCE = 42\n```$/);
    await waitForStatus('complete');
  });

  it('says Ollama is not running (at start-up and when sending), then recovers with Retry', async () => {
    await server().stop();
    await wb().reload();
    await wb().openChatView();
    const banner = chat().locator('.error-banner');
    await banner.filter({ hasText: 'Cannot reach Ollama' }).waitFor({ timeout: REPLY_TIMEOUT });
    await send('Are you there?');
    await waitForStatus('error');
    await banner.filter({ hasText: 'Cannot reach Ollama' }).waitFor({ timeout: REPLY_TIMEOUT });
    const { port } = server();
    assert.match((await banner.textContent()) ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
    setServer(await OllamaSimulator.start({ port }));
    await banner.locator('button', { hasText: 'Retry' }).click();
    await waitForStatus('complete');
    assert.match(await replyText(), /Are you there/);
    await waitUntil(() => banner.isVisible(), (visible) => !visible, 'the banner to go away');
  });

  it('renders a hostile reply inert: no script runs, nothing loads from the network, layout intact', async () => {
    const external: string[] = [];
    wb().page.context().on('request', (request) => {
      const url = new URL(request.url());
      // `*.vscode-resource.vscode-cdn.net` is the webview's own files, answered by VS Code's service worker, not the network.
      const local = ['127.0.0.1', 'localhost'].includes(url.hostname) || url.hostname.endsWith('.vscode-resource.vscode-cdn.net')
        || ['data:', 'blob:'].includes(url.protocol) || url.protocol.startsWith('vscode');
      if (!local) external.push(request.url());
    });
    await wb().openChatView();
    await wb().waitInChat('.message-log');
    const frame = await wb().page.locator('iframe.webview.ready').first().contentFrame().locator('iframe#active-frame').elementHandle();
    const content = await frame!.contentFrame();
    await content!.evaluate(() => {
      const w = window as unknown as { __fired: string[] };
      w.__fired = [];
      window.alert = (m?: unknown) => { w.__fired.push(String(m)); };
      document.addEventListener('securitypolicyviolation', (e) => w.__fired.push(`csp:${e.violatedDirective}`));
    });
    await chat().locator('button[aria-label="New conversation"]').click();
    await waitUntil(() => chat().locator('[data-role="user"]').count(), (n) => n === 0, 'an empty new conversation');
    await send('Be evil [[xss]]');
    await waitForStatus('complete');
    const body = assistant().locator('.markdown-body');
    // The reply's own controls (code-block buttons) use SVG icons; nothing else may bring markup of these kinds.
    const forbidden = await body.locator('script, iframe, object, embed, form, style, link, meta, base, svg, math')
      .evaluateAll((els) => els.filter((el) => !el.closest('button')).map((el) => el.outerHTML.slice(0, 120)));
    assert.deepEqual(forbidden, []);
    assert.equal(await body.locator('[onerror], [onload], [ontoggle], [style]').count(), 0);
    const hrefs = await body.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    assert.deepEqual(hrefs.filter((h) => /^(javascript|data|command|vbscript):/i.test(h.trim())), []);
    assert.match((await body.textContent()) ?? '', /inside a code block: must be shown, not run/);
    assert.deepEqual(await content!.evaluate(() => (window as unknown as { __fired: string[] }).__fired), []);
    assert.deepEqual(external, []);
    const input = chat().locator('textarea[aria-label="Message"]');
    assert.ok(await input.isVisible(), 'the input is still there');
    const box = await chat().locator('.message-log').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, `log box ${JSON.stringify(box)}`);
    const csp = await content!.evaluate(() => ({
      policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      // VS Code injects `_vscodeApiScript` (acquireVsCodeApi) itself, before our policy applies; ours all carry the nonce.
      scriptsWithoutNonce: [...document.scripts].filter((el) => !el.nonce && el.id !== '_vscodeApiScript').map((el) => el.outerHTML.slice(0, 200)),
    }));
    assert.match(csp.policy, /default-src 'none'/);
    assert.match(csp.policy, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'/);
    assert.doesNotMatch(csp.policy, /unsafe-inline|unsafe-eval/);
    assert.deepEqual(csp.scriptsWithoutNonce, []);
    await wb().screenshot('chat-hostile');
  });

  it('finds, renames and deletes conversations in the history', async () => {
    await chat().locator('button[aria-label="History"]').click();
    const search = chat().locator('input[aria-label="Search conversations"]');
    await search.fill('Be evil');
    const items = chat().locator('.history-item');
    await waitUntil(() => items.count(), (n) => n === 1, 'one search result');
    await items.first().locator('button[aria-label^="Rename"]').click();
    const input = wb().page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await waitUntil(() => input.inputValue(), (v) => v.includes('Be evil'), 'the rename box with the old title');
    await input.fill('Hostile test');
    await input.press('Enter');
    await chat().locator('.history-item', { hasText: 'Hostile test' }).waitFor({ state: 'attached', timeout: REPLY_TIMEOUT }).catch(() => undefined);
    await search.fill('Hostile');
    await chat().locator('.history-item', { hasText: 'Hostile test' }).waitFor({ timeout: REPLY_TIMEOUT });
    await chat().locator('.history-item', { hasText: 'Hostile test' }).locator('button[aria-label^="Delete"]').click();
    const item = chat().locator('.history-item', { hasText: 'Hostile test' });
    await waitUntil(() => item.count(), (n) => n === 0, 'the deleted conversation to disappear');
    // The notification offers Undo (a toast, or in the notification center once the toast has gone).
    await wb().runCommand('Notifications: Show Notifications');
    const notification = wb().page.locator('.notifications-center .notification-list-item', { hasText: 'Deleted "Hostile test"' });
    await notification.locator('.monaco-button', { hasText: 'Undo' }).click({ timeout: REPLY_TIMEOUT });
    await item.waitFor({ timeout: REPLY_TIMEOUT });
    await item.locator('button[aria-label^="Delete"]').click();
    await waitUntil(() => item.count(), (n) => n === 0, 'the conversation to be deleted again');
  });

  it('looks right in a dark theme', async () => {
    await wb().runCommand('Preferences: Color Theme');
    await wb().pickQuickPickItem('Dark Modern');
    await wb().page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: REPLY_TIMEOUT });
    await chat().locator('button[aria-label="Close history"]').click().catch(() => undefined);
    await wb().openChatView();
    await wb().runCommand('Ollama Chat: Open Conversation…');
    await wb().pickQuickPickItem('Show me streaming [[slow]]');
    await chat().locator('[data-role="assistant"] pre code').first().waitFor({ timeout: REPLY_TIMEOUT });
    await wb().screenshot('chat-dark');
  });
});
