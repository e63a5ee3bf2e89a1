import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import type { ModalTestHooks } from '../../src/vscode/modalPrompt';
import type { OllamaSimulator } from '../../simulator';
import { closeAllEditors, getApi, setSetting, startServer } from './helpers';

describe('Ollama Chat commands beyond chatting', () => {
  let api: OllamaChatApi;
  let server: OllamaSimulator;

  before(async () => {
    server = await startServer();
    api = await getApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', '');
    await server.stop();
    await setSetting('host', undefined);
    await setSetting('options', undefined);
  });

  afterEach(closeAllEditors);

  it('exports a conversation as Markdown and JSON, and imports the JSON back', async () => {
    const c = await api.startConversation();
    await api.sendMessage(c.id, 'Export me');
    const markdown = await vscode.commands.executeCommand<string>('ollamaChat.exportConversation', c.id, 'markdown');
    assert.match(markdown, /^# Export me\n/);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    const json = await vscode.commands.executeCommand<string>('ollamaChat.exportConversation', c.id, 'json');
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'ollama-chat-')), 'export.json');
    await fs.writeFile(file, json);
    const imported = await vscode.commands.executeCommand<string>('ollamaChat.importConversation', vscode.Uri.file(file));
    assert.ok(imported && imported !== c.id, 'a new id for the copy');
    assert.deepEqual(api.getConversation(imported)!.messages, api.getConversation(c.id)!.messages);
  });

  it('uses a conversation\'s own model and system prompt', async () => {
    const c = await api.startConversation();
    await vscode.commands.executeCommand('ollamaChat.conversationSettings', c.id, { model: 'llama3.2', systemPrompt: 'Answer in French.' });
    await api.sendMessage(c.id, 'Bonjour?');
    const body = server.requests.filter((r) => r.path === '/api/chat').pop()!.body as { model: string; messages: { role: string; content: string }[] };
    assert.equal(body.model, 'llama3.2');
    assert.deepEqual(body.messages[0], { role: 'system', content: 'Answer in French.' });
  });

  it('sends the auth header from secret storage, and never puts it in the settings', async () => {
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', 'Authorization: Bearer t0k3n');
    await api.listModels();
    assert.equal(server.requests[server.requests.length - 1].headers.authorization, 'Bearer t0k3n');
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('ollamaChat'));
    assert.ok(!settingsText.includes('t0k3n'));
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', '');
    await api.listModels();
    assert.equal(server.requests[server.requests.length - 1].headers.authorization, undefined);
  });

  it('ignores options of the wrong type and sends the valid ones', async () => {
    await setSetting('options', { num_ctx: 'big', temperature: 0.25, bogus: true });
    try {
      const c = await api.startConversation();
      await api.sendMessage(c.id, 'options?');
      const body = server.requests.filter((r) => r.path === '/api/chat').pop()!.body as { options?: unknown };
      assert.deepEqual(body.options, { temperature: 0.25 });
    } finally {
      await setSetting('options', undefined);
    }
  });

  it('pulls a model with progress (once the user said yes), after which Ollama lists it', async () => {
    assert.ok(!(await api.listModels()).some((m) => m.name === 'gemma3:4b'));
    const { testing } = api as OllamaChatApi & Partial<ModalTestHooks>;
    testing?.answerModals(() => 'Pull');
    let ok: boolean;
    try {
      ok = await vscode.commands.executeCommand<boolean>('ollamaChat.pullModel', 'gemma3:4b');
    } finally {
      testing?.answerModals(undefined);
    }
    assert.equal(ok, true);
    assert.ok((await api.listModels()).some((m) => m.name === 'gemma3:4b'));
    const pull = server.requests.find((r) => r.path === '/api/pull');
    assert.equal((pull?.body as { stream?: boolean }).stream, true);
  });

  it('diagnoses the connection into a report the user can copy', async () => {
    const result = await vscode.commands.executeCommand<{ ok: boolean; report: string }>('ollamaChat.diagnose');
    assert.equal(result.ok, true, result.report);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /# Ollama Chat diagnostics[\s\S]*✓ Test generation/);
    const test = await vscode.commands.executeCommand<{ version?: string; modelCount?: number }>('ollamaChat.testConnection');
    assert.ok(test.version);
    assert.ok((test.modelCount ?? 0) >= 3);
  });

  it('cuts a 1 MB selection to fit and says so, without freezing', async () => {
    const line = `const value = "${'x'.repeat(90)}";\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: line.repeat(10_000) });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, doc.lineCount - 1, 0);
    const before = server.requests.length;
    await vscode.commands.executeCommand('ollamaChat.askAboutSelection', { question: 'Summarise' });
    const request = await server.waitForRequest((r) => r.path === '/api/chat' && r.id > before);
    const messages = (request.body as { messages: { content: string }[] }).messages;
    const prompt = messages[messages.length - 1].content;
    assert.ok(prompt.length < 101_000, `${prompt.length} characters sent`);
    assert.match(prompt, /Selection truncated: only the first \d+ of 10000 lines/);
  });

  it('talks to no host but the configured Ollama', async () => {
    const original = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      urls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return original(input, init);
    };
    try {
      const c = await api.startConversation();
      await api.sendMessage(c.id, 'who do you call?');
      await api.listModels();
      await vscode.commands.executeCommand('ollamaChat.testConnection');
    } finally {
      globalThis.fetch = original;
    }
    assert.ok(urls.length >= 3);
    assert.deepEqual(urls.filter((u) => !u.startsWith(`${server.url}/`)), []);
  });
});
