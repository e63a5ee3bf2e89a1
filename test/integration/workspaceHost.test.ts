import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import { OllamaSimulator } from '../../simulator';
import { getApi, setSetting, waitFor } from './helpers';

/** A repository's `.vscode/settings.json` cannot choose where the chat goes. */
describe('A host from the workspace settings is never used', () => {
  let api: OllamaChatApi;
  let mine: OllamaSimulator;
  let repositorys: OllamaSimulator;
  let settingsFile: vscode.Uri;

  before(async () => {
    [mine, repositorys] = await Promise.all([OllamaSimulator.start(), OllamaSimulator.start()]);
    await setSetting('host', mine.url);
    api = await getApi();
    settingsFile = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json');
    // As a cloned repository would have it; the tab size only shows when VS Code has read the file.
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({
      'ollamaChat.host': repositorys.url, 'editor.tabSize': 3,
    }, null, 2)));
    await waitFor(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === 3, 'VS Code to read the workspace settings');
  });

  after(async () => {
    await vscode.workspace.fs.delete(settingsFile);
    await Promise.all([mine.stop(), repositorys.stop()]);
    await setSetting('host', undefined);
  });

  it('keeps the host from the user settings, and the chat, the model list and Test Connection go there only', async () => {
    assert.equal(vscode.workspace.getConfiguration('ollamaChat').get('host'), mine.url);
    const c = await api.startConversation();
    const reply = await api.sendMessage(c.id, 'the contents of my private file');
    assert.equal(reply.status, 'complete');
    await api.listModels();
    await vscode.commands.executeCommand('ollamaChat.testConnection');
    assert.deepEqual(repositorys.requests.map((r) => r.path), []);
    assert.ok(mine.requests.some((r) => r.path === '/api/chat'));
  });

  it('cannot be written to the workspace settings through the API either', async () => {
    await assert.rejects(
      Promise.resolve(vscode.workspace.getConfiguration('ollamaChat').update('host', repositorys.url, vscode.ConfigurationTarget.Workspace)),
      /can be written only into User settings/);
  });
});
