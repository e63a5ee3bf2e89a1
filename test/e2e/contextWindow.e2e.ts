// The context window as a person sees it in real VS Code (code-server in Chromium) against the project's Ollama
// simulator: the meter in the composer moving as they type, the warning before sending what will not fit, a reply
// cut at the length limit with Continue and Raise, and the thinking switch for a model that cannot think.
import * as assert from 'node:assert/strict';
import { useChatSession, waitUntil } from './driver';

const TIMEOUT = 30_000;

describe('context window in real VS Code', function () {
  this.timeout(120_000);
  // Every reply stops after 3 tokens (done_reason "length"); a small window so the meter moves visibly.
  const { server, wb, chat, assistant } = useChatSession({ 'ollamaChat.options': { num_predict: 3, num_ctx: 2048 } });
  const input = () => chat().locator('textarea[aria-label="Message"]');
  const meter = () => chat().locator('.context-meter');
  const meterLabel = async (): Promise<string> => (await meter().locator('.context-meter-label').textContent()) ?? '';
  const used = (label: string): number => Number(label.split('/')[0].replace(/[^\d]/g, ''));
  const replyText = async (): Promise<string> => (await assistant().locator('.markdown-body').textContent()) ?? '';

  it('shows "used / limit" that moves as text is typed, explains it in words, and warns before a message too long', async () => {
    await wb().openChatView();
    await input().waitFor({ timeout: TIMEOUT });
    const empty = await waitUntil(meterLabel, (l) => /\/ 2,048$/.test(l), 'the meter with the window of the settings');
    await input().click();
    const question = 'How do I read a file line by line in Rust?';
    await input().pressSequentially(question.slice(0, 20));
    const partly = await waitUntil(meterLabel, (l) => used(l) > used(empty), 'the meter to move while typing');
    await input().pressSequentially(question.slice(20));
    // About 3.5 characters a token: the meter counts what is typed without asking the extension host.
    await waitUntil(meterLabel, (l) => used(l) === used(empty) + Math.ceil(question.length / 3.5), `the meter to count the whole question (after ${partly})`);
    const tooltip = (await meter().getAttribute('title')) ?? '';
    assert.match(tooltip, /^About [\d,]+ of 2,048 tokens: [\d,]+ for the conversation, [\d,]+ for your message\. .*num_ctx 2,048 from the ollamaChat\.options setting \(the model takes up to 32,768\)/);
    await input().fill('x'.repeat(8000));
    const warning = chat().locator('.context-warning');
    await warning.waitFor({ state: 'visible' });
    assert.match((await warning.textContent()) ?? '', /This message is too long for the context window/);
    assert.equal(await meter().getAttribute('data-level'), 'over');
    await input().fill('');
    await warning.waitFor({ state: 'hidden' });
  });

  it('says a reply was cut at the length limit, and Continue appends to the same reply', async () => {
    server().enqueueReply({ tokens: ['One', ' two', ' three', ' four'] });
    await input().fill('Count to five');
    await input().press('Enter');
    const notice = assistant().locator('.reply-length');
    await notice.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal((await replyText()).trim(), 'One two three');
    await assistant().locator('.reply-length button', { hasText: 'Raise the context window to 4,096 tokens' }).waitFor();
    await input().fill('And then?');
    await wb().screenshot('context-window');
    await input().fill('');
    const before = server().requests.length;
    server().enqueueReply({ tokens: [' four', ' five'] });
    await notice.getByRole('button', { name: 'Continue this reply' }).click();
    const request = await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before);
    const messages = (request.body as { messages: { role: string; content: string }[] }).messages;
    assert.deepEqual(messages.at(-1), { role: 'assistant', content: 'One two three' });
    await waitUntil(replyText, (t) => t.trim() === 'One two three four five', 'the continuation in the same reply');
    await notice.waitFor({ state: 'hidden' });
    assert.equal(await chat().locator('[data-role="assistant"]').count(), 1);
  });

  it('Raise doubles the conversation\'s window, and the meter follows', async () => {
    server().enqueueReply({ tokens: ['a', ' b', ' c', ' d'] });
    await input().fill('More');
    await input().press('Enter');
    const raise = assistant().locator('.reply-length').getByRole('button', { name: /Raise the context window to 4,096 tokens \(about 268 MB more memory/ });
    await raise.click();
    await waitUntil(meterLabel, (l) => /\/ 4,096$/.test(l), 'the meter with the raised window');
    assert.match((await meter().getAttribute('title')) ?? '', /num_ctx 4,096 from this conversation's settings/);
    const before = server().requests.length;
    await input().fill('Go on');
    await input().press('Enter');
    const request = await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before);
    assert.equal((request.body as { options: { num_ctx: number } }).options.num_ctx, 4096);
  });

  it('warns which older messages a message will leave out, and the reply names them after sending', async () => {
    await wb().runCommand('Ollama Chat: New Conversation');
    await waitUntil(() => chat().locator('[data-role="user"]').count(), (n) => n === 0, 'the new, empty conversation');
    server().enqueueReply({ tokens: ['ok'] });
    await input().fill(`First: ${'x'.repeat(4000)}`);
    await input().press('Enter');
    await waitUntil(() => assistant().getAttribute('data-status'), (s) => s === 'complete', 'the first reply');
    // About 1,000 tokens of history and 750 typed: more than the 1,536 a 2,048-token window leaves for the prompt.
    await input().fill('y'.repeat(3000));
    const warning = chat().locator('.context-warning');
    await waitUntil(async () => (await warning.isVisible()) ? await warning.textContent() : '', (t) => !!t, 'the warning');
    assert.match((await warning.textContent()) ?? '', /^The 2 oldest messages \(from "First: x+…" to "ok"\) will be left out to fit the model's context window \(num_ctx 2048\)\.$/);
    await input().press('Enter');
    const notice = assistant().locator('.reply-notice');
    await notice.waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match((await notice.textContent()) ?? '', /^The 2 oldest messages \(from "First: x+…" to "ok"\) were left out/);
  });

  it('offers the thinking switch only to models that think, and says why it is off', async () => {
    const toggle = chat().locator('button.thinking-toggle');
    // Until the model's details arrive the switch says Ollama has not told; then it says why mistral cannot think.
    await waitUntil(() => toggle.getAttribute('title'), (t) => /does not think before answering; Pick Model/.test(t ?? ''), 'the thinking switch to say why it is off');
    assert.equal(await toggle.isDisabled(), true);
  });
});
