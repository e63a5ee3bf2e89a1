import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OllamaSimulator } from '../../simulator';
import { defaultReply } from '../../simulator';
import { useApiWithServer } from './helpers';

/** The `messages` of the last chat request the simulator got. */
function lastChat(server: OllamaSimulator): { model: string; messages: { role: string; content: string }[] } {
  return server.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as { model: string; messages: { role: string; content: string }[] };
}

describe('versions and branches in the extension host', () => {
  const session = useApiWithServer();

  it('editing a question starts a branch; both branches survive a reload of the store and the model sees only the shown one', async () => {
    const [api, server] = [session.api(), session.server()];
    const c = await api.startConversation();
    await api.sendMessage(c.id, 'Name a sorting algorithm');
    await api.sendMessage(c.id, 'Is it stable?');
    const question = api.getConversation(c.id)!.messages[2];
    const edited = await api.editMessage(c.id, question.id, 'Is it fast?');
    assert.equal(edited.content, defaultReply('Is it fast?'));
    assert.deepEqual(lastChat(server).messages.map((m) => m.content),
      ['Name a sorting algorithm', defaultReply('Name a sorting algorithm'), 'Is it fast?']);

    await vscode.commands.executeCommand('ollamaChat.reloadConversations');
    const reloaded = api.getConversation(c.id)!;
    assert.deepEqual(reloaded.messages.map((m) => m.content).slice(2), ['Is it fast?', defaultReply('Is it fast?')]);
    assert.deepEqual(reloaded.messages[2].branches!.map((b) => b.map((m) => m.content)), [['Is it stable?', defaultReply('Is it stable?')]]);

    const back = await api.selectBranch(c.id, reloaded.messages[2].id, 0);
    assert.deepEqual(back.messages.map((m) => m.content).slice(2), ['Is it stable?', defaultReply('Is it stable?')]);
    await vscode.commands.executeCommand('ollamaChat.reloadConversations');
    assert.deepEqual(api.getConversation(c.id), back);
  });

  it('Regenerate Reply With… sends the last question to the model given and keeps the earlier reply as a version', async () => {
    const [api, server] = [session.api(), session.server()];
    const c = await api.startConversation();
    await api.sendMessage(c.id, 'Write a haiku');
    const before = server.requests.length;
    const reply = await vscode.commands.executeCommand<{ model?: string; versions?: { model?: string }[] }>('ollamaChat.regenerateWith', c.id, 'llama3.2');
    const request = await server.waitForRequest((r) => r.path === '/api/chat' && r.id > before, 10_000);
    const body = request.body as { model: string; messages: { content: string }[] };
    assert.equal(body.model, 'llama3.2');
    assert.deepEqual(body.messages.map((m) => m.content), ['Write a haiku']);
    assert.equal(reply?.model, 'llama3.2');
    assert.deepEqual(api.getConversation(c.id)!.messages[1].versions!.map((v) => v.model), ['mistral']);

    // The public API does the same.
    const third = await api.regenerate(c.id, { model: 'qwen3:8b' });
    assert.equal(lastChat(server).model, 'qwen3:8b');
    assert.deepEqual([third.model, ...third.versions!.map((v) => v.model)], ['qwen3:8b', 'mistral', 'llama3.2']);
  });
});
