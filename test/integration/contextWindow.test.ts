// The context window inside the real extension host: the user's `ollamaChat.options` reach the request and the
// reply's limit, our estimate is stored with Ollama's count and survives a reload from workspaceState, and a failing
// `/api/show` does not stop the chat.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { setSetting, useApiWithServer } from './helpers';

describe('context window in the extension host', () => {
  const { api, server } = useApiWithServer();

  after(async () => {
    server().setShowFault(undefined);
    await setSetting('options', undefined);
  });

  it('stops a reply at num_predict from the settings (done_reason "length") and keeps its estimate across a reload', async () => {
    await setSetting('options', { num_predict: 2 });
    server().enqueueReply({ tokens: ['One', ' two', ' three'] });
    const c = await api().startConversation();
    const reply = await api().sendMessage(c.id, 'Count to three');
    assert.equal(reply.content, 'One two');
    assert.equal(reply.stats?.doneReason, 'length');
    const request = server().requests.filter((r) => r.path === '/api/chat').pop()!;
    assert.equal((request.body as { options: { num_predict: number } }).options.num_predict, 2);
    assert.ok(reply.stats?.promptEstimate && reply.stats.promptEvalCount > 0, JSON.stringify(reply.stats));
    await vscode.commands.executeCommand('ollamaChat.reloadConversations');
    const stored = api().getConversation(c.id)!.messages[1];
    assert.equal(stored.stats?.promptEstimate, reply.stats.promptEstimate, 'read back from workspaceState');
    await setSetting('options', undefined);
  });

  it('still answers when /api/show fails (no thinking asked, Ollama\'s default window)', async () => {
    server().setShowFault({ status: 500, error: 'llama runner process has terminated' });
    const c = await api().startConversation();
    const reply = await api().sendMessage(c.id, 'Hello', { model: 'llama3.2' });
    assert.equal(reply.status, 'complete');
    const request = server().requests.filter((r) => r.path === '/api/chat').pop()!;
    assert.equal('think' in (request.body as object), false);
    server().setShowFault(undefined);
  });
});
