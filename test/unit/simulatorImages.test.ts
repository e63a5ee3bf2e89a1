/** The simulator takes `images` in chat messages as Ollama does: base64 only, and only for a model that can see. */
import * as assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { DEFAULT_MODELS, OllamaSimulator } from '../../simulator';
import { solidPng } from '../fixtures/images';

describe('Ollama simulator: images in chat', () => {
  let server: OllamaSimulator;
  let client: Ollama;
  const image = Buffer.from(solidPng()).toString('base64');

  beforeEach(async () => {
    server = await OllamaSimulator.start({ models: [...DEFAULT_MODELS, { name: 'llava:7b', capabilities: ['completion', 'vision'] }] });
    client = new Ollama({ host: server.url });
  });

  afterEach(() => server.stop());

  it('declares vision in /api/show and records the images a vision model was sent', async () => {
    assert.deepEqual((await client.show({ model: 'llava:7b' })).capabilities, ['completion', 'vision']);
    const reply = await client.chat({ model: 'llava:7b', messages: [{ role: 'user', content: 'What is this?', images: [image] }] });
    assert.ok(reply.message.content.length > 0);
    const body = server.requests.find((r) => r.path === '/api/chat')!.body as { messages: { images?: string[] }[] };
    assert.deepEqual(body.messages[0].images, [image]);
  });

  it('refuses images for a model without vision, as Ollama does', async () => {
    await assert.rejects(client.chat({ model: 'mistral', messages: [{ role: 'user', content: 'What is this?', images: [image] }] }),
      { name: 'ResponseError', status_code: 400, message: 'registry.ollama.ai/library/mistral:latest does not support vision' });
  });

  it('refuses an image that is not base64 (a data: URL) with Go\'s decoding error', async () => {
    await assert.rejects(client.chat({ model: 'llava:7b', messages: [{ role: 'user', content: 'x', images: [`data:image/png;base64,${image}`] }] }),
      { status_code: 400, message: 'illegal base64 data at input byte 4' });
  });
});
