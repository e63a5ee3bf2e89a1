/** The simulator takes `tools` in chat as Ollama does: only for a model with `tools`, answered with `tool_calls`. */
import * as assert from 'node:assert/strict';
import { Ollama, type Tool } from 'ollama';
import { DEFAULT_MODELS, OllamaSimulator } from '../../simulator';

const weather: Tool = {
  type: 'function',
  function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

describe('Ollama simulator: tool calls in chat', () => {
  let server: OllamaSimulator;
  let client: Ollama;

  beforeEach(async () => {
    server = await OllamaSimulator.start({ models: [...DEFAULT_MODELS, { name: 'plain:1b', capabilities: ['completion'] }] });
    client = new Ollama({ host: server.url });
  });

  afterEach(() => server.stop());

  it('calls an offered tool named in the last user message, arguments as an object, in a streamed chunk', async () => {
    const chunks = [];
    for await (const part of await client.chat({
      model: 'mistral', stream: true, tools: [weather],
      messages: [{ role: 'user', content: 'Weather? [[tool:get_weather {"city":"Paris"}]]' }],
    })) chunks.push(part);
    const calls = chunks.flatMap((c) => c.message.tool_calls ?? []);
    assert.deepEqual(calls, [{ function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } }]);
    assert.equal(chunks.map((c) => c.message.content).join(''), '', 'a model that calls a tool says nothing else here');
    assert.equal(chunks.at(-1)!.done, true);
  });

  it('gives a scripted call in the answer of a request with stream: false', async () => {
    server.enqueueReply({ text: 'Let me look.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const reply = await client.chat({ model: 'mistral', tools: [weather], messages: [{ role: 'user', content: 'Weather in Oslo?' }] });
    assert.equal(reply.message.content, 'Let me look.');
    assert.deepEqual(reply.message.tool_calls, [{ function: { index: 0, name: 'get_weather', arguments: { city: 'Oslo' } } }]);
  });

  it('does not call a tool the request does not offer, nor any tool without `tools`', async () => {
    const offeredOther = await client.chat({ model: 'mistral', tools: [weather], messages: [{ role: 'user', content: '[[tool:delete_all]]' }] });
    assert.equal(offeredOther.message.tool_calls, undefined);
    server.enqueueReply({ text: 'Plain.', toolCalls: [{ name: 'get_weather', arguments: {} }] });
    const noTools = await client.chat({ model: 'mistral', messages: [{ role: 'user', content: '[[tool:get_weather]]' }] });
    assert.deepEqual([noTools.message.content, noTools.message.tool_calls], ['Plain.', undefined]);
  });

  it('answers from a `tool` message, naming the tool', async () => {
    const reply = await client.chat({
      model: 'mistral', tools: [weather],
      messages: [
        { role: 'user', content: 'Weather? [[tool:get_weather]]' },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
        { role: 'tool', content: 'Sunny, 21 °C', tool_name: 'get_weather' },
      ],
    });
    assert.equal(reply.message.content, 'The get_weather tool answered: Sunny, 21 °C');
    assert.equal(reply.message.tool_calls, undefined, 'the marker of the earlier question is not obeyed again');
  });

  it('refuses tools for a model without the capability, as Ollama does', async () => {
    await assert.rejects(client.chat({ model: 'plain:1b', tools: [weather], messages: [{ role: 'user', content: 'Hi' }] }),
      { name: 'ResponseError', status_code: 400, message: 'registry.ollama.ai/library/plain:1b does not support tools' });
  });

  it('refuses tool-call arguments sent as a JSON string (OpenAI\'s shape) with Go\'s decoding error', async () => {
    const messages = [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
    ] as unknown as Parameters<Ollama['chat']>[0]['messages'];
    await assert.rejects(client.chat({ model: 'mistral', tools: [weather], messages }),
      { status_code: 400, message: /cannot unmarshal string into Go struct field ToolCallFunction\.messages\.tool_calls\.function\.arguments/ });
  });
});
