// Several Ollama hosts in the extension host: the models of both hosts, a conversation on host B talks to B only,
// each host gets its own auth header, a workspace's settings cannot add a host, and a host that is down is named.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import type { HostTestResult } from '../../src/commands/testConnection';
import { OllamaSimulator } from '../../simulator';
import { getApi, setSetting, waitFor } from './helpers';

describe('Several Ollama hosts', () => {
  let api: OllamaChatApi;
  let a: OllamaSimulator;
  let b: OllamaSimulator;
  let repositorys: OllamaSimulator;
  let dir: string;
  let settingsFile: vscode.Uri;

  /** Imports a conversation whose export says it was on the host called `host`; resolves with its id here. */
  async function importOn(host: string): Promise<string> {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
    await fs.writeFile(file, JSON.stringify({
      format: 'ollama-chat-conversation', version: 1, conversation: {
        id: 'on-a-host', title: 'On a host', createdAt: 1, updatedAt: 1, host,
        settings: { model: 'mistral' }, messages: [{ id: 'u', role: 'user', content: 'Earlier question', timestamp: 1 }],
      },
    }));
    const id = await vscode.commands.executeCommand<string | undefined>('ollamaChat.importConversation', vscode.Uri.file(file));
    assert.ok(id, 'imported');
    return id;
  }
  const chats = (server: OllamaSimulator) => server.requests.filter((r) => r.path === '/api/chat');

  before(async () => {
    [a, b, repositorys] = await Promise.all([
      OllamaSimulator.start(),
      OllamaSimulator.start({ models: [{ name: 'mistral:latest' }, { name: 'gpu-only:70b' }] }),
      OllamaSimulator.start(),
    ]);
    await setSetting('host', a.url);
    await setSetting('hosts', [{ name: 'GPU box', url: b.url }]);
    api = await getApi();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ollama-chat-hosts-'));
    settingsFile = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json');
  });

  after(async () => {
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', '', 'Default');
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', '', 'GPU box');
    await vscode.workspace.fs.delete(settingsFile).then(undefined, () => undefined);
    await Promise.all([a.stop(), b.stop(), repositorys.stop()]);
    await setSetting('hosts', undefined);
    await setSetting('host', undefined);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('Test Connection reports each host: reachable, version, how many models, auth header', async () => {
    const results = await vscode.commands.executeCommand<HostTestResult[]>('ollamaChat.testConnection', 'all');
    assert.deepEqual(results.map((r) => [r.host, r.url, r.modelCount, !!r.version, r.authHeader]), [
      ['Default', a.url, 3, true, undefined],
      ['GPU box', b.url, 2, true, undefined],
    ]);
  });

  it('a conversation on host B sends its chat and /api/show to B only; an unknown host name falls back to the default', async () => {
    const onB = await importOn('GPU box');
    assert.equal(api.getConversation(onB)?.host, 'GPU box');
    const aBefore = a.requests.length;
    const reply = await api.sendMessage(onB, 'Which host answers?');
    assert.equal(reply.status, 'complete', reply.error);
    assert.ok(chats(b).some((r) => (r.body as { messages: { content: string }[] }).messages.some((m) => m.content === 'Which host answers?')));
    assert.deepEqual(a.requests.slice(aBefore).filter((r) => r.path === '/api/chat' || r.path === '/api/show').map((r) => r.path), [],
      'the default host got neither the chat nor /api/show');

    const unknown = await importOn(b.url.replace('127.0.0.1', 'localhost'));
    assert.equal(api.getConversation(unknown)?.host, undefined, 'a name that is not configured here is not kept');
    const bChats = chats(b).length;
    await api.sendMessage(unknown, 'And now?');
    assert.equal(chats(b).length, bChats, 'never a URL from the file');
    assert.ok(chats(a).some((r) => (r.body as { messages: { content: string }[] }).messages.some((m) => m.content === 'And now?')));
  });

  it('sends each host its own auth header and never the other\'s', async () => {
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', 'X-API-Key: k3y-for-a', 'Default');
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', 'X-API-Key: k3y-for-b', 'GPU box');
    const onB = await importOn('GPU box');
    await api.sendMessage(onB, 'With a key');
    await api.listModels();
    const [aLast, bLast] = [a.requests[a.requests.length - 1], chats(b)[chats(b).length - 1]];
    assert.equal(aLast.headers['x-api-key'], 'k3y-for-a');
    assert.equal(bLast.headers['x-api-key'], 'k3y-for-b');
    const results = await vscode.commands.executeCommand<HostTestResult[]>('ollamaChat.testConnection', 'all');
    assert.deepEqual(results.map((r) => r.authHeader), [`X-API-Key, set for ${a.url}; sent`, `X-API-Key, set for ${b.url}; sent`]);
    assert.ok(!a.requests.some((r) => r.headers['x-api-key'] === 'k3y-for-b') && !b.requests.some((r) => r.headers['x-api-key'] === 'k3y-for-a'));
  });

  it('a workspace\'s settings cannot add a host, trusted or not', async () => {
    // As a cloned repository would have it; the tab size only shows when VS Code has read the file.
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({
      'ollamaChat.hosts': [{ name: 'Repo box', url: repositorys.url }], 'editor.tabSize': 5,
    })));
    await waitFor(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === 5, 'VS Code to read the workspace settings');
    const results = await vscode.commands.executeCommand<HostTestResult[]>('ollamaChat.testConnection', 'all');
    assert.deepEqual(results.map((r) => r.host), ['Default', 'GPU box']);
    const onRepo = await importOn('Repo box');
    await api.sendMessage(onRepo, 'the contents of my private file');
    assert.deepEqual(repositorys.requests.map((r) => r.path), [], 'the repository\'s host was never contacted');
    await assert.rejects(
      Promise.resolve(vscode.workspace.getConfiguration('ollamaChat').update('hosts', [{ name: 'x', url: repositorys.url }], vscode.ConfigurationTarget.Workspace)),
      /can be written only into User settings/);
  });

  it('when a conversation\'s host is down, its reply fails naming that host', async () => {
    const onB = await importOn('GPU box');
    await b.stop();
    const reply = await api.sendMessage(onB, 'Is the GPU box up?');
    assert.equal(reply.status, 'error');
    assert.match(reply.error ?? '', new RegExp(`Cannot reach Ollama at "GPU box" \\(${b.url.replace(/\./g, '\\.')}\\)`));
  });
});
