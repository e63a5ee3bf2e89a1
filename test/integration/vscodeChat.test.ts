import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_MODELS, OllamaSimulator } from '../../simulator';
import { defaultReply } from '../../simulator';
import { readSettings } from '../../src/core/settings/config';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import { chatParticipantHandler } from '../../src/vscode/chatParticipant';
import { languageModelChatProvider } from '../../src/vscode/languageModelProvider';
import { solidPng } from '../fixtures/images';
import { getApi, setSetting, waitFor } from './helpers';

/** Classes of the running VS Code that our `@types/vscode` (1.95) does not know. */
const newer = vscode as unknown as {
  LanguageModelDataPart: { image(data: Uint8Array, mimeType: string): unknown };
  LanguageModelThinkingPart?: new (value: string) => { value: string };
  LanguageModelChatMessageRole: { System?: number };
};

type Parts = (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart | vscode.LanguageModelToolResultPart)[];

/** Every part of a response, in order. */
async function partsOf(response: vscode.LanguageModelChatResponse): Promise<unknown[]> {
  const parts: unknown[] = [];
  for await (const part of response.stream) parts.push(part);
  return parts;
}

const textOf = (parts: unknown[]): string =>
  parts.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');

interface ChatBody {
  messages: { role: string; content: string; images?: string[]; tool_name?: string; tool_calls?: unknown[] }[];
  options?: Record<string, unknown>;
  tools?: { type: string; function: { name: string } }[];
}

const weatherTool: vscode.LanguageModelChatTool = {
  name: 'get_weather', description: 'The weather in a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** VS Code's own chat: the Ollama models as language models (VS Code ≥ 1.104). */
describe('Ollama models in VS Code\'s language-model API', () => {
  let server: OllamaSimulator;
  const none = new vscode.CancellationTokenSource().token;

  /** The model of that id, as VS Code lists it now. */
  const model = async (id: string): Promise<vscode.LanguageModelChat> =>
    waitFor(async () => (await vscode.lm.selectChatModels({ vendor: 'ollama-chat' })).find((m) => m.id === id), `the model ${id} in vscode.lm`) as Promise<vscode.LanguageModelChat>;

  /** The body of the last chat request the simulator received. */
  const lastChat = (): ChatBody => server.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as ChatBody;

  before(async function () {
    const lm = vscode.lm as unknown as { registerLanguageModelChatProvider?: unknown };
    if (typeof lm.registerLanguageModelChatProvider !== 'function') this.skip(); // older VS Code: nothing to test
    server = await OllamaSimulator.start({
      models: [...DEFAULT_MODELS, { name: 'gemma3:4b', family: 'gemma3', capabilities: ['completion', 'vision'], contextLength: 131_072 }],
    });
    await setSetting('host', server.url);
    await getApi();
  });

  after(async () => {
    await server?.stop();
    await setSetting('host', undefined);
    await setSetting('options', undefined);
  });

  it('lists the Ollama models and streams a reply through vscode.lm', async () => {
    const mistral = await model('mistral:latest');
    const models = await vscode.lm.selectChatModels({ vendor: 'ollama-chat' });
    assert.deepEqual(models.map((m) => m.id).sort(), ['gemma3:4b', 'llama3.2:latest', 'mistral:latest', 'qwen3:8b']);
    const response = await mistral.sendRequest([vscode.LanguageModelChatMessage.User('Hello from the LM API')], {}, none);
    let text = '';
    for await (const piece of response.text) text += piece;
    assert.equal(text, defaultReply('Hello from the LM API'));
    assert.ok(await mistral.countTokens('four words in here') > 0);
  });

  it('tells each model\'s window from /api/show and num_ctx, and its tools and vision capabilities', async () => {
    await setSetting('options', { num_ctx: 65_536 });
    // 65536 asked; mistral was trained for 32768, qwen3 for 40960; 1024 tokens stay free for the reply.
    await waitFor(async () => (await model('mistral:latest')).maxInputTokens === 32_768 - 1024, 'mistral\'s window to follow num_ctx');
    const sizes = Object.fromEntries((await vscode.lm.selectChatModels({ vendor: 'ollama-chat' })).map((m) => [m.id, m.maxInputTokens]));
    assert.deepEqual(sizes, { 'gemma3:4b': 64_512, 'llama3.2:latest': 64_512, 'mistral:latest': 31_744, 'qwen3:8b': 39_936 });
    const can = async (id: string) => (await model(id) as unknown as { capabilities: { supportsToolCalling: boolean; supportsImageToText: boolean } }).capabilities;
    assert.deepEqual(await can('mistral:latest'), { supportsToolCalling: true, supportsImageToText: false, editToolsHint: undefined });
    assert.deepEqual(await can('gemma3:4b'), { supportsToolCalling: false, supportsImageToText: true, editToolsHint: undefined });
  });

  it('still lists a model whose /api/show fails, claiming no capability and a small window', async () => {
    server.setShowFault({ status: 500, error: 'show broke' });
    server.setModels([...DEFAULT_MODELS, { name: 'gemma3:4b', family: 'gemma3', capabilities: ['completion', 'vision'], contextLength: 131_072 },
      { name: 'phi4:14b', capabilities: ['completion', 'tools', 'vision'], contextLength: 16_384 }]);
    try {
      await setSetting('keepAlive', '10m'); // any change of our settings makes VS Code ask for the models again
      const phi = await model('phi4:14b');
      assert.equal(phi.maxInputTokens, 4096 - 1024);
      assert.deepEqual((phi as unknown as { capabilities: object }).capabilities, { supportsToolCalling: false, supportsImageToText: false, editToolsHint: undefined });
    } finally {
      server.setShowFault(undefined);
      await setSetting('keepAlive', undefined);
    }
  });

  it('passes the caller\'s Ollama options through, and only those', async () => {
    const mistral = await model('mistral:latest');
    await partsOf(await mistral.sendRequest([vscode.LanguageModelChatMessage.User('Options?')],
      { modelOptions: { temperature: 0.2, top_p: 0.5, max_tokens: 5 } }, none));
    assert.deepEqual(lastChat().options, { num_ctx: 65_536, temperature: 0.2, top_p: 0.5 });
  });

  it('makes a tool-call round trip: the model\'s call arrives as a part, the result goes back as a `tool` message', async () => {
    const mistral = await model('mistral:latest');
    const question = vscode.LanguageModelChatMessage.User('Weather in Paris? [[tool:get_weather {"city":"Paris"}]]');
    const first = await partsOf(await mistral.sendRequest([question], { tools: [weatherTool] }, none));
    assert.deepEqual(lastChat().tools?.map((t) => [t.type, t.function.name]), [['function', 'get_weather']]);
    const calls = first.filter((p): p is vscode.LanguageModelToolCallPart => p instanceof vscode.LanguageModelToolCallPart);
    assert.deepEqual(calls.map((c) => [c.name, c.input]), [['get_weather', { city: 'Paris' }]]);
    assert.ok(calls[0].callId, 'the call has an id to pair its result with');

    const result = new vscode.LanguageModelToolResultPart(calls[0].callId, [new vscode.LanguageModelTextPart('Sunny, 21 °C')]);
    const second = await partsOf(await mistral.sendRequest([
      question,
      vscode.LanguageModelChatMessage.Assistant(calls as Parts as vscode.LanguageModelToolCallPart[]),
      vscode.LanguageModelChatMessage.User([result]),
    ], { tools: [weatherTool] }, none));
    assert.equal(textOf(second), 'The get_weather tool answered: Sunny, 21 °C');
    const sent = lastChat().messages;
    assert.deepEqual(sent.at(-2)!.tool_calls, [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }]);
    assert.deepEqual(sent.at(-1), { role: 'tool', content: 'Sunny, 21 °C', tool_name: 'get_weather' });
  });

  it('sends an image to a vision model as base64 in `images`', async () => {
    const png = solidPng();
    const gemma = await model('gemma3:4b');
    const message = vscode.LanguageModelChatMessage.User([
      new vscode.LanguageModelTextPart('What is this?'), newer.LanguageModelDataPart.image(png, 'image/png'),
    ] as vscode.LanguageModelTextPart[]);
    assert.equal(textOf(await partsOf(await gemma.sendRequest([message], {}, none))), defaultReply('What is this?'));
    assert.deepEqual(lastChat().messages.at(-1), { role: 'user', content: 'What is this?', images: [Buffer.from(png).toString('base64')] });
  });

  it('streams a thinking model\'s thinking as thinking parts where VS Code has them', async function () {
    if (!newer.LanguageModelThinkingPart) this.skip();
    server.enqueueReply({ thinking: 'Let me think.', text: 'Done.' });
    const parts = await partsOf(await (await model('qwen3:8b')).sendRequest([vscode.LanguageModelChatMessage.User('Think')], {}, none));
    const thinking = parts.filter((p): p is { value: string } => p instanceof newer.LanguageModelThinkingPart!);
    assert.equal(thinking.map((p) => p.value).join(''), 'Let me think.');
    assert.equal(textOf(parts), 'Done.');
  });

  it('closes the HTTP request when the caller cancels', async () => {
    const cancel = new vscode.CancellationTokenSource();
    const response = await (await model('mistral:latest')).sendRequest([vscode.LanguageModelChatMessage.User('Long [[slow]]')], {}, cancel.token);
    const request = await server.waitForRequest((r) => r.path === '/api/chat' && JSON.stringify(r.body).includes('Long [[slow]]'));
    const iterator = response.text[Symbol.asyncIterator]();
    await iterator.next(); // the first piece has arrived: the reply is streaming
    cancel.cancel();
    assert.equal(await request.done, 'clientClosed');
    assert.ok(request.tokensSent < 60, 'the simulator stopped before the end of the reply');
  });

  const settings = () => readSettings((key) => vscode.workspace.getConfiguration('ollamaChat').get(key)).settings;

  it('sends a system message (as VS Code\'s own chat does) with the system role', async () => {
    // Other extensions need the proposed `languageModelSystem` API to send one, so the provider is called directly.
    const provider = languageModelChatProvider(new OllamaClient(() => ({ host: server.url })), settings, new vscode.EventEmitter<void>().event);
    const system = newer.LanguageModelChatMessageRole.System ?? 3;
    await provider.provideLanguageModelChatResponse({ id: 'mistral:latest' }, [
      new vscode.LanguageModelChatMessage(system as vscode.LanguageModelChatMessageRole, 'Answer in French.'),
      vscode.LanguageModelChatMessage.User('Hello'),
    ], {}, { report: () => undefined }, none);
    assert.deepEqual(lastChat().messages.slice(-2), [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'Hello' }]);
  });

  it('@ollama answers with the Ollama model picked in the Chat view, else with the settings\' model', async () => {
    // VS Code 1.139 offers extensions no way to send a request to a chat participant: its handler is called as VS
    // Code calls it, with the model object vscode.lm gives for the picked model.
    const handler = chatParticipantHandler(new OllamaClient(() => ({ host: settings().host })), settings);
    const ask = async (picked: unknown) => {
      await handler({ prompt: 'Which model?', references: [], model: picked } as unknown as vscode.ChatRequest,
        { history: [] } as unknown as vscode.ChatContext, { markdown: () => undefined } as unknown as vscode.ChatResponseStream, none);
      return (server.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as { model: string }).model;
    };
    assert.equal(await ask(await model('llama3.2:latest')), 'llama3.2:latest');
    assert.equal(await ask({ vendor: 'copilot', id: 'gpt-4o' }), 'mistral');
  });
});
