// Versions and branches in real VS Code (code-server in Chromium) against the project's Ollama simulator: editing a
// question starts a branch and the earlier one is a keypress away; "Regenerate with…" asks another model and the
// pager and heading say which model wrote the version shown.
import * as assert from 'node:assert/strict';
import { useChatSession } from './driver';

const TIMEOUT = 30_000;

describe('versions and branches in real VS Code', function () {
  this.timeout(120_000);
  const { server, wb, chat, assistant, send } = useChatSession();

  const complete = () => chat().locator('[data-role="assistant"][data-status="complete"]').last().waitFor({ timeout: TIMEOUT });

  it('editing a question shows the new branch\'s reply; the pager on the question goes back to the old one', async () => {
    await wb().openChatView();
    await wb().waitInChat('.message-log');
    await chat().locator('button[aria-label="New conversation"]').click();
    server().enqueueReply({ text: 'Old answer: use tabs.' });
    await send('Tabs or spaces?');
    await assistant().locator('.markdown-body', { hasText: 'Old answer' }).waitFor({ timeout: TIMEOUT });
    await complete();

    const question = chat().locator('[data-role="user"]').first();
    await question.hover();
    await question.locator('button[aria-label="Edit message"]').click();
    server().enqueueReply({ text: 'New answer: use spaces.' });
    const box = question.locator('textarea[aria-label="Edit message"]');
    await box.fill('Tabs or spaces in Python?');
    await box.press('Enter');
    const pager = question.locator('.version-pager[aria-label="Branches of the conversation at this question"]');
    await pager.filter({ hasText: '2/2' }).waitFor({ timeout: TIMEOUT });
    await assistant().locator('.markdown-body', { hasText: 'New answer' }).waitFor({ timeout: TIMEOUT });
    await complete();
    assert.equal(await chat().locator('.markdown-body', { hasText: 'Old answer' }).count(), 0, 'only the shown branch is on screen');
    await wb().screenshot('branch-new');

    // With the keyboard: the arrow is a button with its own name.
    const previous = pager.locator('button[aria-label="Previous branch: the question as it was before this edit"]');
    await previous.focus();
    await previous.press('Enter');
    await pager.filter({ hasText: '1/2' }).waitFor({ timeout: TIMEOUT });
    await question.locator('.user-text', { hasText: /^Tabs or spaces\?$/ }).waitFor({ timeout: TIMEOUT });
    await assistant().locator('.markdown-body', { hasText: 'Old answer' }).waitFor({ timeout: TIMEOUT });
    assert.equal(await chat().locator('.markdown-body', { hasText: 'New answer' }).count(), 0);
    await wb().screenshot('branch-old');

    // The next message continues the branch on screen.
    const before = server().requests.length;
    await send('Why?');
    const request = await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before, TIMEOUT);
    assert.deepEqual((request.body as { messages: { content: string }[] }).messages.map((m) => m.content),
      ['Tabs or spaces?', 'Old answer: use tabs.', 'Why?']);
    await complete();
  });

  it('Regenerate with… asks the model picked, and the pager and heading name it', async () => {
    server().enqueueReply({ text: 'Llama says: it depends.' });
    const before = server().requests.length;
    const reply = assistant();
    await reply.hover();
    await reply.locator('button[aria-label="Regenerate with another model…"]').click();
    await wb().pickQuickPickItem('llama3.2:latest');
    const request = await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before, TIMEOUT);
    assert.equal((request.body as { model: string }).model, 'llama3.2:latest');
    await reply.locator('.markdown-body', { hasText: 'Llama says' }).waitFor({ timeout: TIMEOUT });
    await complete();
    const pager = reply.locator('.version-pager[aria-label="Versions of this reply"]');
    await pager.filter({ hasText: '2/2' }).waitFor({ timeout: TIMEOUT });
    assert.equal(await reply.locator('.message-author').textContent(), 'llama3.2:latest');
    assert.match((await pager.locator('.version-label').getAttribute('title')) ?? '', /Version 2 of 2, written by llama3\.2:latest/);
    await wb().screenshot('regenerate-with');
    await pager.locator('button[aria-label="Previous version of this reply"]').click();
    await pager.filter({ hasText: '1/2' }).waitFor({ timeout: TIMEOUT });
    assert.equal(await reply.locator('.message-author').textContent(), 'mistral');
  });
});
