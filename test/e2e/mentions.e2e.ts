// A person adding context by keyboard in real VS Code (code-server in Chromium) against the project's Ollama
// simulator: `@` and a file chosen from the list with the arrows and Enter (its content read when the message is sent),
// and `/explain` on a selection in an editor.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useChatSession, waitUntil } from './driver';

const TIMEOUT = 30_000;

describe('mentions and / commands in real VS Code', function () {
  this.timeout(120_000);
  // Not the product's namesake, so a hard-coded "Mistral" shows.
  const { server, wb, chat } = useChatSession({ 'ollamaChat.model': 'llama3.2' });
  const input = () => chat().locator('textarea[aria-label="Message"]');
  const lastPrompt = () => {
    const body = server().requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: { content: string }[] } | undefined;
    return body?.messages.at(-1)?.content ?? '';
  };

  before(() => {
    const root = wb().workspaceFolder;
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(root, 'docs'), { recursive: true });
    mkdirSync(join(root, '.vscode', 'ollama-chat'), { recursive: true });
    writeFileSync(join(root, '.vscode', 'ollama-chat', 'broken.md'), '<!-- Has a typo -->\nLook at {{selecton}}\n');
    writeFileSync(join(root, 'src', 'pricing.ts'), 'export const VAT = 0.2;\n');
    writeFileSync(join(root, 'docs', 'pricing-notes.md'), '# Pricing\n');
  });

  it('@ opens a list that the keyboard drives; Enter adds the file as a chip, read when the message is sent', async () => {
    await wb().openChatView();
    await input().waitFor({ timeout: TIMEOUT });
    // The view draws its empty state before the host's snapshot names the model: wait for the name, then read it all.
    const hint = chat().locator('.empty-hint', { hasText: 'llama3.2' });
    await hint.waitFor({ timeout: TIMEOUT });
    assert.match(await hint.textContent() ?? '', /^Select code in the editor and ask llama3\.2 about it: type \/explain here/);
    await input().click();
    await input().pressSequentially('What is the rate? @pricing');
    const options = chat().locator('[role="listbox"] [role="option"]');
    await waitUntil(() => options.count(), (n) => n >= 2, 'both files in the list');
    assert.equal(await input().getAttribute('role'), 'combobox');
    assert.equal(await input().getAttribute('aria-expanded'), 'true');
    const labels = await options.locator('.suggest-label').allTextContents();
    const target = labels.indexOf('pricing.ts');
    assert.ok(target >= 0, `pricing.ts among ${labels.join(', ')}`);
    // Down to the end and round to the top, then to the file: the arrows move the active option.
    for (let i = 0; i < labels.length + target; i++) await input().press('ArrowDown');
    const active = await input().getAttribute('aria-activedescendant');
    assert.equal(await chat().locator(`#${active} .suggest-label`).textContent(), 'pricing.ts');
    assert.equal(await chat().locator(`#${active} .suggest-detail`).textContent(), 'src');
    assert.equal(await chat().locator(`#${active}`).getAttribute('aria-selected'), 'true');
    await wb().screenshot('mentions-list');
    await input().press('Enter');
    const chip = chat().locator('.chip', { hasText: 'src/pricing.ts' });
    await chip.waitFor({ timeout: TIMEOUT });
    assert.match(await chip.textContent() ?? '', /read when sent/);
    assert.equal(await input().inputValue(), 'What is the rate? ');
    assert.equal(await input().getAttribute('aria-expanded'), 'false');
    // Changed after it was chosen: the model must get the file as it is when the message goes.
    writeFileSync(join(wb().workspaceFolder, 'src', 'pricing.ts'), 'export const VAT = 0.25;\n');
    const before = server().requests.length;
    await input().press('Enter');
    await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before);
    assert.equal(lastPrompt(), 'What is the rate?\n\nAttached file `src/pricing.ts`:\n\n```typescript\nexport const VAT = 0.25;\n```');
    const listed = chat().locator('[data-role="user"]').last().locator('.message-references .reference-name');
    await listed.first().waitFor({ timeout: TIMEOUT });
    assert.deepEqual(await listed.allTextContents(), ['src/pricing.ts']);
    await waitUntil(() => chat().locator('.chip').count(), (n) => n === 0, 'the chip to clear after sending');
    await wb().screenshot('mentions-sent');
  });

  it('Escape closes the list without choosing, and keeps the text', async () => {
    await input().click();
    await input().pressSequentially('@pric');
    await chat().locator('[role="option"]').first().waitFor({ timeout: TIMEOUT });
    await input().press('Escape');
    assert.equal(await input().getAttribute('aria-expanded'), 'false');
    assert.equal(await input().inputValue(), '@pric');
    await input().fill('');
  });

  it('/explain on a selection: the template list by keyboard, then the selected code sent in the template', async () => {
    await wb().runCommand('File: New Untitled Text File');
    await wb().page.locator('.monaco-editor .view-lines').first().click();
    await wb().page.keyboard.type('let total = price * quantity');
    await wb().page.keyboard.press('Control+A');
    // The command keeps the product's name; what it says names the model in the settings.
    await wb().runCommand('Ollama Chat: Ask Mistral about Selection');
    const title = wb().page.locator('.quick-input-widget .quick-input-title');
    await waitUntil(() => title.textContent(), (t) => t === 'Ask llama3.2 about the selection', 'the input box named after the model');
    await wb().page.keyboard.press('Escape');
    await wb().openChatView();
    await input().click();
    await input().pressSequentially('/expl');
    const option = chat().locator('[role="option"]', { hasText: '/explain' });
    await option.waitFor({ timeout: TIMEOUT });
    assert.match(await option.textContent() ?? '', /Explain the selected code · built-in/);
    await wb().screenshot('templates-list');
    await input().press('Enter');
    assert.equal(await input().inputValue(), '/explain ');
    await input().pressSequentially('in one sentence');
    const before = server().requests.length;
    await input().press('Enter');
    await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before);
    assert.match(lastPrompt(), /^Explain what this plaintext code from `Untitled-\d+` does, step by step\.\n\nFrom `Untitled-\d+:1`:\n\n```\nlet total = price \* quantity\n```\n\nin one sentence$/);
  });

  it('a template with an unknown placeholder is marked in the list, sends nothing, says why, and gives the text back', async () => {
    const before = server().requests.filter((r) => r.path === '/api/chat').length;
    await input().click();
    await input().pressSequentially('/brok');
    const option = chat().locator('[role="option"]', { hasText: '/broken' });
    await option.waitFor({ timeout: TIMEOUT });
    assert.match(await option.textContent() ?? '', /Has a typo · from this workspace: \.vscode\/ollama-chat\/broken\.md · unknown placeholder \{\{selecton\}\}/);
    await input().press('Enter');
    await input().pressSequentially('please');
    await input().press('Enter');
    await chat().locator('.error-banner', { hasText: 'The template /broken uses {{selecton}}, which is not a placeholder' }).waitFor({ timeout: TIMEOUT });
    await waitUntil(() => input().inputValue(), (v) => v === '/broken please', 'the text back in the message box');
    assert.equal(server().requests.filter((r) => r.path === '/api/chat').length, before);
  });
});
