import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OllamaSimulator } from '../../simulator';
import { defaultReply } from '../../simulator';
import { getApi, setSetting, startServer } from './helpers';

/** VS Code's own chat: the Ollama models as language models (VS Code ≥ 1.104). */
describe('Ollama models in VS Code\'s language-model API', () => {
  let server: OllamaSimulator;

  before(async function () {
    const lm = vscode.lm as unknown as { registerLanguageModelChatProvider?: unknown };
    if (typeof lm.registerLanguageModelChatProvider !== 'function') this.skip(); // older VS Code: nothing to test
    server = await startServer();
    await getApi();
  });

  after(async () => {
    await server?.stop();
    await setSetting('host', undefined);
  });

  it('lists the Ollama models and streams a reply through vscode.lm', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'ollama-chat' });
    assert.deepEqual(models.map((m) => m.id).sort(), ['llama3.2:latest', 'mistral:latest', 'qwen3:8b']);
    const mistral = models.find((m) => m.id === 'mistral:latest')!;
    const response = await mistral.sendRequest([vscode.LanguageModelChatMessage.User('Hello from the LM API')], {},
      new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const piece of response.text) text += piece;
    assert.equal(text, defaultReply('Hello from the LM API'));
    assert.ok(await mistral.countTokens('four words in here') > 0);
  });
});
