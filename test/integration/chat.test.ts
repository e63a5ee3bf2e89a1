import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import { recordFileName } from '../../src/core/conversations/conversationFiles';
import type { ExtensionTestHooks } from '../../src/extension';
import { defaultReply } from '../../simulator';
import { closeAllEditors, EXTENSION_ID, setSetting, useApiWithServer, waitFor } from './helpers';

describe('Ollama Chat in the extension host', () => {
  const { api, server } = useApiWithServer();

  it('registers every contributed command', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[])
      .map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 8);
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    // …and every command the extension registers is in the Command Palette (VS Code adds the view's own).
    const own = [...registered].filter((c) => c.startsWith('ollamaChat.') && !c.startsWith('ollamaChat.chatView.'));
    assert.deepEqual(own.filter((c) => !contributed.includes(c)), []);
  });

  it('resolves the chat view, whose webview reports ready, which starts a check of Ollama', async () => {
    await vscode.commands.executeCommand('ollamaChat.chatView.focus');
    // The view's first `ready` starts the check, whichever test showed the view first (Ask about Selection reveals it
    // too, against that suite's server): waiting for a request to this suite's server raced with it.
    const { testing } = api() as OllamaChatApi & ExtensionTestHooks;
    await waitFor(() => testing.firstViewCheck() !== undefined, 'the chat view to report ready', 15_000);
    await testing.firstViewCheck();
    // A check from now on goes to this suite's server: a changed setting starts one.
    const before = server().requests.length;
    await setSetting('model', 'llama3.2');
    try {
      await server().waitForRequest((r) => r.path === '/api/tags' && r.id > before, 15_000);
    } finally {
      await setSetting('model', undefined);
    }
  });

  it('lists the models Ollama has as ModelDtos', async () => {
    const models = await api().listModels();
    assert.deepEqual(models.map((m) => `${m.model}|${m.version}`).sort(), ['llama3.2|latest', 'mistral|latest', 'qwen3|8b']);
  });

  it('starts conversations and rejects a duplicate id', async () => {
    const c = await api().startConversation('integration-dup');
    assert.equal(c.id, 'integration-dup');
    assert.deepEqual(c.messages, []);
    await assert.rejects(api().startConversation('integration-dup'), /already exists/);
  });

  it('streams a reply and stores it as the assistant message', async () => {
    const c = await api().startConversation();
    const reply = await api().sendMessage(c.id, 'Explain closures');
    assert.equal(reply.status, 'complete');
    assert.equal(reply.content, defaultReply('Explain closures'));
    const stored = api().getConversation(c.id)!;
    assert.deepEqual(stored.messages.map((m) => m.role), ['user', 'assistant']);
    assert.equal(stored.messages[1].content, reply.content);
    assert.equal(stored.title, 'Explain closures');
    assert.ok(api().listConversations().some((s) => s.id === c.id && s.messageCount === 2));
  });

  it('keeps each conversation in a file of the workspace\'s storage folder: reloading them gives the same history', async () => {
    const c = await api().startConversation('persisted');
    await api().sendMessage(c.id, 'Remember me');
    const before = api().getConversation(c.id);
    const { conversationsDir } = (api() as OllamaChatApi & ExtensionTestHooks).testing;
    assert.ok(conversationsDir, 'a workspace folder is open, so VS Code gives the extension a storage folder');
    const file = JSON.parse(await fs.readFile(path.join(conversationsDir, recordFileName('ollamaChat.conversation.persisted')), 'utf8'));
    assert.deepEqual(file.value.messages.map((m: { content: string }) => m.content), before!.messages.map((m) => m.content));
    await vscode.commands.executeCommand('ollamaChat.reloadConversations');
    assert.deepEqual(api().getConversation(c.id), before);
    assert.ok(api().listConversations().some((s) => s.id === 'persisted' && s.title === 'Remember me'));
  });

  it('streams /generate as text pieces', async () => {
    const pieces: string[] = [];
    for await (const piece of api().generate('Say hi')) pieces.push(piece);
    assert.ok(pieces.length > 5);
    assert.equal(pieces.join(''), defaultReply('Say hi'));
  });

  it('applies a changed model and host without a reload', async () => {
    const c = await api().startConversation();
    await setSetting('model', 'llama3.2');
    await api().sendMessage(c.id, 'which model?');
    const last = server().requests.filter((r) => r.path === '/api/chat').pop()!;
    assert.equal((last.body as { model: string }).model, 'llama3.2');

    const { OllamaSimulator } = await import('../../simulator');
    const other = await OllamaSimulator.start();
    try {
      await setSetting('host', other.url);
      await api().sendMessage(c.id, 'which host?');
      assert.ok(other.requests.some((r) => r.path === '/api/chat'));
    } finally {
      await setSetting('host', server().url);
      await setSetting('model', 'mistral');
      await other.stop();
    }
  });

  it('Stop (API and command) aborts the request on the server and keeps the partial reply', async () => {
    for (const stop of [(id: string) => api().stop(id), (id: string) => vscode.commands.executeCommand('ollamaChat.stop', id)]) {
      const c = await api().startConversation();
      server().enqueueReply({ text: 'token '.repeat(500), tokenDelayMs: 10 });
      const before = server().requests.length;
      const pending = api().sendMessage(c.id, 'a long answer please');
      const request = await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before);
      await waitFor(() => request.tokensSent >= 5, 'a few tokens');
      await waitFor(() => (api().getConversation(c.id)?.messages[1]?.content.length ?? 0) > 0, 'partial text in the store');
      await stop(c.id);
      const reply = await pending;
      assert.equal(reply.status, 'stopped');
      assert.ok(reply.content.length > 0);
      assert.equal(await request.done, 'clientClosed');
      assert.ok(request.tokensSent < 500, `server sent ${request.tokensSent} tokens`);
    }
  });

  it('says Ollama is not running, with the host it tried, and keeps the user message', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const c = await api().startConversation();
    await setSetting('host', `http://127.0.0.1:${port}`);
    try {
      const reply = await api().sendMessage(c.id, 'hello?');
      assert.equal(reply.status, 'error');
      assert.match(reply.error ?? '', new RegExp(`Cannot reach Ollama at http://127.0.0.1:${port}`));
      await assert.rejects(api().listModels(), /Cannot reach Ollama/);
      assert.equal(api().getConversation(c.id)!.messages[0].content, 'hello?');
    } finally {
      await setSetting('host', server().url);
    }
  });

  it('says which model is missing, and a mid-stream error keeps the text that arrived', async () => {
    const c = await api().startConversation();
    const missing = await api().sendMessage(c.id, 'hi', { model: 'no-such-model' });
    assert.match(missing.error ?? '', /"no-such-model" is not installed/);
    server().enqueueReply({ fault: { kind: 'midStreamError', afterTokens: 4, error: 'model runner crashed' } });
    const broken = await api().sendMessage(c.id, 'and now?');
    assert.equal(broken.status, 'error');
    assert.match(broken.error ?? '', /model runner crashed/);
    assert.ok(broken.content.length > 0);
    assert.equal(api().getConversation(c.id)!.messages.length, 4);
  });

  it('asks about the selection with file, lines and a fenced block in its language', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'import os\n\ndef add(a, b):\n    return a + b\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 0, 3, 16);
    const before = server().requests.length;
    const reply = await vscode.commands.executeCommand<{ status: string }>('ollamaChat.askAboutSelection', { question: 'Explain this code' });
    assert.equal(reply?.status, 'complete');
    const request = await server().waitForRequest((r) => r.path === '/api/chat' && r.id > before);
    const messages = (request.body as { messages: { content: string }[] }).messages;
    const prompt = messages[messages.length - 1].content;
    assert.match(prompt, /^Explain this code\n/);
    assert.match(prompt, /\(lines 3-4, python\)/);
    assert.match(prompt, /```python\ndef add\(a, b\):\n {4}return a \+ b\n```/);
    await closeAllEditors();
  });

  it('renames and deletes conversations through the commands', async () => {
    const c = await api().startConversation();
    await vscode.commands.executeCommand('ollamaChat.renameConversation', c.id, 'Renamed by test');
    assert.equal(api().getConversation(c.id)?.title, 'Renamed by test');
    const deleting = vscode.commands.executeCommand('ollamaChat.deleteConversation', c.id);
    await waitFor(() => !api().getConversation(c.id), 'the conversation to be deleted');
    assert.ok(!api().listConversations().some((s) => s.id === c.id));
    void deleting; // the Undo notification stays open; nothing to wait for
  });
});
