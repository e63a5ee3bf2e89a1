import * as assert from 'node:assert/strict';
import { OllamaSimulator } from '../../simulator';
import { memoryChat, simulatorSettings } from '../fixtures/memoryChat';

/** A cold model load: Ollama sends no response headers until the first token, which can take minutes. */
describe('slow model load', function () {
  this.timeout(120_000);
  let server: OllamaSimulator;
  before(async () => { server = await OllamaSimulator.start(); });
  after(() => server.stop());

  it('waits 61 s without response headers, shows "waiting" meanwhile, and then streams the reply', async () => {
    const settings = simulatorSettings(server.url);
    const chat = await memoryChat(() => settings);
    const c = await chat.startConversation();
    server.enqueueReply({ text: 'loaded at last', firstTokenDelayMs: 61_000 });
    const pending = chat.sendMessage(c.id, 'wake up');
    const request = await server.waitForRequest((r) => r.path === '/api/chat');
    assert.equal(chat.streamInfo(c.id)?.phase, 'waiting');
    const reply = await pending;
    assert.equal(reply.status, 'complete', reply.error);
    assert.equal(reply.content, 'loaded at last');
    assert.ok((reply.stats?.timeToFirstTokenMs ?? 0) >= 60_000, `${reply.stats?.timeToFirstTokenMs}`);
    assert.equal(await request.done, 'completed');
  });
});
