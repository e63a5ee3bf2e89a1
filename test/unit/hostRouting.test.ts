import * as assert from 'node:assert/strict';
import { ChatService } from '../../src/core/chat/chatService';
import { ConversationStore } from '../../src/core/conversations/conversationStore';
import { modelsOnEachHost, otherHostsWith } from '../../src/core/ollama/hostModels';
import { HostRouter } from '../../src/core/ollama/hostRouter';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import type { Settings } from '../../src/core/settings/config';
import type { HostEntry } from '../../src/core/settings/hosts';
import type { UserFacingError } from '../../src/shared/types';
import { MemoryStore } from '../fixtures/memoryStore';
import { startSilentHost } from '../fixtures/silentHost';
import { OllamaSimulator } from '../../simulator';

describe('Several Ollama hosts against two simulators', () => {
  let a: OllamaSimulator;
  let b: OllamaSimulator;
  let hosts: HostEntry[];
  let settings: Settings;
  let router: HostRouter;
  let chat: ChatService;

  beforeEach(async () => {
    [a, b] = await Promise.all([
      OllamaSimulator.start(),
      OllamaSimulator.start({ models: [{ name: 'mistral:latest' }, { name: 'gpu-only:70b', capabilities: ['completion'], contextLength: 8192 }] }),
    ]);
    hosts = [{ name: 'Default', url: a.url }, { name: 'GPU box', url: b.url }];
    settings = { host: a.url, model: 'mistral', systemPrompt: '', options: {}, keepAlive: '5m' };
    router = new HostRouter(() => hosts, async (url) => ({ 'x-sent-to': url }));
    const store = new ConversationStore(new MemoryStore());
    await store.load();
    chat = new ChatService(store, new OllamaClient(() => ({ host: settings.host })), () => settings, () => undefined, undefined, router);
  });
  afterEach(() => Promise.all([a.stop(), b.stop()]));

  it('sends a conversation on host B (chat, /api/show, the context meter) to B only, with B\'s headers', async () => {
    const c = await chat.startConversation();
    await chat.updateConversationSettings(c.id, { model: 'gpu-only:70b' });
    await chat.setHost(c.id, 'gpu BOX');
    assert.equal(chat.getConversation(c.id)?.host, 'GPU box', 'stored as configured');
    const reply = await chat.sendMessage(c.id, 'Hello B');
    assert.equal(reply.status, 'complete', reply.error);
    const info = await chat.contextInfo(c.id, 0);
    assert.equal(info.known, true, 'the window comes from B\'s /api/show');
    assert.deepEqual(a.requests, [], 'nothing went to the default host');
    assert.deepEqual([...new Set(b.requests.map((r) => r.path))].sort(), ['/api/chat', '/api/show']);
    assert.ok(b.requests.every((r) => r.headers['x-sent-to'] === b.url));
  });

  it('sends an old conversation (no host) and one whose host was removed to the default host', async () => {
    const c = await chat.startConversation();
    await chat.sendMessage(c.id, 'Hello');
    await chat.setHost(c.id, 'GPU box');
    hosts = hosts.slice(0, 1);
    await chat.sendMessage(c.id, 'Still there?');
    assert.equal(a.requests.filter((r) => r.path === '/api/chat').length, 2);
    assert.deepEqual(b.requests, []);
    await assert.rejects(chat.setHost(c.id, 'Nowhere'), /no Ollama host called "Nowhere"/);
  });

  it('when a conversation\'s host is down, names it and offers each other host that has the model', async () => {
    const c = await chat.startConversation();
    await chat.setHost(c.id, 'GPU box');
    await b.stop();
    const offered = new Promise<UserFacingError>((resolve) => chat.onEvent((e) => {
      if (e.type === 'error' && e.error?.actions.some((x) => x.id === 'useHost')) resolve(e.error);
    }));
    const reply = await chat.sendMessage(c.id, 'Anyone?');
    assert.equal(reply.status, 'error');
    assert.match(reply.error ?? '', new RegExp(`Cannot reach Ollama at "GPU box" \\(${b.url.replace(/[.]/g, '\\.')}\\)`));
    const banner = await offered;
    assert.equal(chat.currentError(c.id), banner, 'shown with the conversation');
    assert.deepEqual(banner.actions.filter((x) => x.id === 'useHost'), [{ id: 'useHost', label: 'Use Default', host: 'Default' }]);
    assert.match(banner.detail ?? '', /"Default" has mistral too/);
    assert.ok(a.requests.some((r) => r.path === '/api/tags'), 'checked with /api/tags');
    assert.deepEqual(await otherHostsWith(router, 'Default', 'gpu-only:70b'), [], 'a model no other host has: no offer');
  });

  it('lists every host\'s models in parallel: one that hangs does not hold up the others, and says it did not answer', async () => {
    const silent = await startSilentHost();
    try {
      hosts = [...hosts, { name: 'Hangs', url: silent.url }];
      const order: string[] = [];
      const answers = modelsOnEachHost(router, 600).map((p) => p.then((x) => { order.push(x.host.name); return x; }));
      const [first, second, third] = await Promise.all(answers);
      assert.deepEqual(order.slice(2), ['Hangs'], 'the hanging host answers last');
      assert.ok('models' in first && first.models.length === 3);
      assert.ok('models' in second && second.models.some((m) => m.name === 'gpu-only:70b'));
      assert.ok('error' in third && /did not answer within 0\.6 s/.test(third.error.message));
    } finally {
      await silent.close();
    }
  });
});
