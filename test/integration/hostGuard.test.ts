import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import type { ModalTestHooks } from '../../src/vscode/modalPrompt';
import { chatParticipantHandler } from '../../src/vscode/chatParticipant';
import { readSettings } from '../../src/core/settings/config';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import { OllamaSimulator } from '../../simulator';
import { closeAllEditors, getApi, setSetting, waitFor } from './helpers';

/** A redirect from the configured Ollama to another server is refused on every path the extension has. */
describe('Requests go only to the configured host, whatever it redirects to', () => {
  let api: OllamaChatApi;
  let configured: OllamaSimulator;
  let elsewhere: OllamaSimulator;
  const redirectMessage = () => new RegExp(`Ollama at ${configured.url} redirected the request to ${elsewhere.url}/api/`);

  before(async () => {
    [configured, elsewhere] = await Promise.all([OllamaSimulator.start(), OllamaSimulator.start()]);
    await setSetting('host', configured.url);
    api = await getApi();
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', 'X-API-Key: k3y-for-configured');
  });

  beforeEach(() => configured.setRedirect({ status: 307, location: (path) => `${elsewhere.url}${path}` }));

  afterEach(async () => {
    configured.setRedirect(undefined);
    elsewhere.requests.length = 0;
    await closeAllEditors();
  });

  /** No request, so no body and no header, reached the redirect's target. */
  const assertNothingElsewhere = () =>
    assert.deepEqual(elsewhere.requests.map((r) => `${r.method} ${r.path}`), [], 'the other origin received nothing');

  after(async () => {
    await vscode.commands.executeCommand('ollamaChat.setAuthHeader', '');
    await Promise.all([configured.stop(), elsewhere.stop()]);
    await setSetting('host', undefined);
  });

  it('a chat message, the model list and a one-shot generation fail with the redirect named', async () => {
    const c = await api.startConversation();
    const reply = await api.sendMessage(c.id, 'a secret prompt');
    assertNothingElsewhere();
    assert.equal(reply.status, 'error');
    assert.match(reply.error ?? '', redirectMessage());
    assert.match(reply.error ?? '', new RegExp(`set ollamaChat.host to ${elsewhere.url}\\.`));
    await assert.rejects(api.listModels(), redirectMessage());
    await assert.rejects((async () => { for await (const _ of api.generate('another secret')) { /* drain */ } })(), redirectMessage());
    const chat = configured.requests.find((r) => r.path === '/api/chat');
    assert.equal(chat?.headers['x-api-key'], 'k3y-for-configured', 'the configured host still gets its header');
  });

  it('Test Connection and Diagnose report the redirect', async () => {
    const test = await vscode.commands.executeCommand<{ ok: boolean; report: string }>('ollamaChat.testConnection');
    assertNothingElsewhere();
    assert.equal(test.ok, false);
    assert.match(test.report, redirectMessage());
    const diagnosis = await vscode.commands.executeCommand<{ ok: boolean; report: string }>('ollamaChat.diagnose');
    assert.equal(diagnosis.ok, false);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', redirectMessage());
    assertNothingElsewhere();
  });

  it('Pull Model is refused', async () => {
    // Pulling asks first (a modal, which VS Code refuses in integration tests): the test-mode seam says yes.
    const { testing } = api as OllamaChatApi & Partial<ModalTestHooks>;
    testing?.answerModals(() => 'Pull');
    try {
      let settled = false;
      const pulled = Promise.resolve(vscode.commands.executeCommand<boolean>('ollamaChat.pullModel', 'gemma3:4b')).finally(() => (settled = true));
      await configured.waitForRequest((r) => r.path === '/api/pull');
      // The command waits on its error notification; dismissing it lets the command finish.
      await waitFor(async () => {
        await vscode.commands.executeCommand('notifications.clearAll');
        return settled;
      }, 'the pull command to finish');
      assertNothingElsewhere();
      assert.equal(await pulled, false);
    } finally {
      testing?.answerModals(undefined);
    }
  });

  it('the language-model provider (vscode.lm) is refused with the redirect named', async function () {
    const lm = vscode.lm as unknown as { registerLanguageModelChatProvider?: unknown };
    if (typeof lm.registerLanguageModelChatProvider !== 'function') this.skip();
    configured.setRedirect(undefined);
    const [mistral] = (await vscode.lm.selectChatModels({ vendor: 'ollama-chat' })).filter((m) => m.id === 'mistral:latest');
    assert.ok(mistral, 'the provider lists mistral while the host answers normally');
    configured.setRedirect({ status: 308, location: (path) => `${elsewhere.url}${path}` });
    const token = new vscode.CancellationTokenSource().token;
    const sent = (async () => {
      const response = await mistral.sendRequest([vscode.LanguageModelChatMessage.User('a secret for the LM API')], {}, token);
      for await (const _ of response.text) { /* drain */ }
    })();
    await sent.catch(() => undefined);
    assertNothingElsewhere();
    await assert.rejects(sent, redirectMessage());
  });

  it('the @ollama participant answers with the redirect named (its handler, called directly)', async () => {
    // VS Code 1.139 offers extensions no way to send a request to a chat participant, so the handler registered
    // for @ollama is called as VS Code would call it, with the client the extension builds (settings host).
    const settings = () => readSettings((key) => vscode.workspace.getConfiguration('ollamaChat').get(key)).settings;
    const handler = chatParticipantHandler(new OllamaClient(() => ({ host: settings().host })), settings);
    const markdown: string[] = [];
    const result = await handler(
      { prompt: 'a secret for @ollama' } as vscode.ChatRequest,
      { history: [] } as unknown as vscode.ChatContext,
      { markdown: (text: string) => markdown.push(text) } as unknown as vscode.ChatResponseStream,
      new vscode.CancellationTokenSource().token,
    );
    assertNothingElsewhere();
    assert.match(result?.errorDetails?.message ?? '', redirectMessage());
    assert.deepEqual(markdown, []);
  });
});
