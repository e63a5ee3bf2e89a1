import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import { OllamaSimulator } from '../../simulator';
import { closeAllEditors, getApi, setSetting } from './helpers';

/** The auth header belongs to the origin it was set for. */
describe('The auth header goes only to the host it was set for', () => {
  let api: OllamaChatApi;
  let setFor: OllamaSimulator;
  let other: OllamaSimulator;

  before(async () => {
    [setFor, other] = await Promise.all([OllamaSimulator.start(), OllamaSimulator.start()]);
    await setSetting('host', setFor.url);
    api = await getApi();
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', 'X-API-Key: k3y-for-one-host');
  });

  afterEach(closeAllEditors);

  after(async () => {
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', '');
    await Promise.all([setFor.stop(), other.stop()]);
    await setSetting('host', undefined);
  });

  it('is not sent after the host changes to another origin, and Test Connection says where it belongs', async () => {
    await api.listModels();
    assert.equal(setFor.requests[setFor.requests.length - 1].headers['x-api-key'], 'k3y-for-one-host');
    await setSetting('host', other.url);
    await api.listModels();
    const c = await api.startConversation();
    await api.sendMessage(c.id, 'a secret prompt');
    const test = await vscode.commands.executeCommand<{ report: string }>('ollamaChat.testConnection');
    assert.ok(other.requests.length >= 3);
    assert.deepEqual(other.requests.map((r) => r.headers['x-api-key']).filter(Boolean), [], 'no request to the other origin carried the header');
    assert.match(test.report, new RegExp(`Auth header: X-API-Key, set for ${setFor.url}; not sent to ${other.url}`));
    assert.ok(!test.report.includes('k3y-for-one-host'), 'never the value');
  });

  it('is sent again when the host is back, and goes to a new origin once set for it', async () => {
    await setSetting('host', setFor.url);
    await api.listModels();
    assert.equal(setFor.requests[setFor.requests.length - 1].headers['x-api-key'], 'k3y-for-one-host');
    await setSetting('host', other.url);
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', 'X-API-Key: k3y-for-the-other');
    await api.listModels();
    assert.equal(other.requests[other.requests.length - 1].headers['x-api-key'], 'k3y-for-the-other');
    const diagnosis = await vscode.commands.executeCommand<{ report: string }>('ollamaChat.diagnose');
    assert.match(diagnosis.report, new RegExp(`Auth header: X-API-Key, set for ${other.url}; sent`));
  });
});
