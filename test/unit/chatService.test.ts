import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { ChatEvent } from '../../src/core/chat/chatService';
import { ChatService } from '../../src/core/chat/chatService';
import type { Settings } from '../../src/core/settings/config';
import { ConversationStore } from '../../src/core/conversations/conversationStore';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import { MemoryStore } from '../fixtures/memoryStore';
import { OllamaSimulator } from '../../simulator';
import { defaultReply } from '../../simulator';

/** A port on which nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ChatService against the Ollama simulator', () => {
  let server: OllamaSimulator;
  let kv: MemoryStore;
  let settings: Settings;
  let chat: ChatService;
  let events: ChatEvent[];

  async function makeService(): Promise<ChatService> {
    const store = new ConversationStore(kv);
    await store.load();
    const service = new ChatService(store, new OllamaClient(() => ({ host: settings.host })), () => settings);
    service.onEvent((e) => events.push(e));
    return service;
  }

  beforeEach(async () => {
    server = await OllamaSimulator.start();
    kv = new MemoryStore();
    events = [];
    settings = { host: server.url, model: 'mistral', systemPrompt: '', options: {}, keepAlive: '5m' };
    chat = await makeService();
  });

  afterEach(async () => {
    chat.stop();
    await server.stop();
  });

  it('does not wait for storage to show a new or opened conversation, or to ask Ollama (VS Code writes by round trip)', async () => {
    // Writes go through only when the test lets them (like a slow round trip to VS Code's storage).
    const held: { key: string; go: () => void }[] = [];
    const update = kv.update.bind(kv);
    kv.update = (key, value) => new Promise<void>((resolve) => held.push({ key, go: () => void update(key, value).then(resolve) }));
    const release = () => held.splice(0).forEach(({ go }) => go());
    /** Waits for `pending`, letting writes through meanwhile. */
    const settle = async <T>(pending: Promise<T>): Promise<T> => {
      const releasing = setInterval(release, 5);
      try {
        return await pending;
      } finally {
        clearInterval(releasing);
      }
    };
    const activeFired = (id: string) => events.some((e) => e.type === 'active' && e.conversationId === id);

    const started = chat.startConversation('fresh');
    assert.ok(activeFired('fresh'), 'the new conversation is shown before it is written');
    await settle(started);
    await settle(chat.startConversation('other'));
    events = [];
    const opened = chat.setActive('fresh');
    assert.ok(activeFired('fresh') && chat.activeConversationId() === 'fresh', 'opened before the write');
    const replied = chat.sendMessage('fresh', 'Hello');
    await server.waitForRequest((r) => r.path === '/api/chat');
    assert.ok(held.some((h) => h.key === 'ollamaChat.conversation.fresh'), 'the request went out while the question was still being written');
    assert.equal((await settle(replied)).status, 'complete');
    await settle(opened);
    assert.equal(kv.get<string>('ollamaChat.activeConversation'), 'fresh');
    assert.deepEqual(chat.getConversation('fresh')?.messages.map((m) => m.role), ['user', 'assistant']);
  });

  it('shows a reply complete before its final write has gone through, and resolves once it is stored', async () => {
    await chat.startConversation('c');
    // The write of the finished reply waits until the test lets it through (a slow round trip to VS Code's storage).
    const held: (() => void)[] = [];
    const update = kv.update.bind(kv);
    const finished = (value: unknown) => (value as { messages?: { role: string; status: string }[] } | undefined)?.messages
      ?.some((m) => m.role === 'assistant' && m.status === 'complete') ?? false;
    kv.update = (key, value) => (finished(value) ? new Promise<void>((resolve) => held.push(() => void update(key, value).then(resolve))) : update(key, value));
    let resolved = false;
    const replied = chat.sendMessage('c', 'Hello').then((reply) => ((resolved = true), reply));
    for (const deadline = Date.now() + 10_000; !held.length; await new Promise((resolve) => setTimeout(resolve, 5))) {
      if (Date.now() > deadline) throw new Error('the finished reply was never written');
    }
    const shown = events.filter((e) => e.type === 'message' && e.message.role === 'assistant').at(-1);
    assert.equal(shown?.type === 'message' && shown.message.status, 'complete', 'the view hears of the complete reply while its write is held');
    assert.ok(events.some((e) => e.type === 'stream' && e.stream === null), 'and that the reply ended');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(resolved, false, 'the caller gets the reply only once it is stored');
    held.splice(0).forEach((go) => go());
    assert.equal((await replied).status, 'complete');
    assert.equal(kv.get<{ messages: { status: string }[] }>('ollamaChat.conversation.c')?.messages[1].status, 'complete');
  });

  it('writes a streaming reply no faster than storage takes it: never two at once, slow writes further apart', async function () {
    this.timeout(15_000);
    await chat.startConversation('c');
    const key = 'ollamaChat.conversation.c';
    // Writes of the streaming reply (after the question's) are held, the first for 400 ms: a slow round trip.
    const writes: { startedAt: number; doneAt?: number }[] = [];
    const update = kv.update.bind(kv);
    kv.update = async (k, value) => {
      const streaming = (value as { messages?: { status: string; content: string }[] } | undefined)?.messages
        ?.some((m) => m.status === 'streaming' && m.content.length > 0);
      if (k !== key || !streaming) return update(k, value);
      const write: { startedAt: number; doneAt?: number } = { startedAt: Date.now() };
      writes.push(write);
      if (writes.length === 1) await new Promise((resolve) => setTimeout(resolve, 400));
      await update(k, value);
      write.doneAt = Date.now();
    };
    // 3.2 s of reply: at one write every half second from the start it would have been written six times.
    server.enqueueReply({ tokens: Array.from({ length: 40 }, (_, i) => `word${i} `), tokenDelayMs: 80 });
    const reply = await chat.sendMessage('c', 'Tell me slowly');
    assert.equal(reply.status, 'complete');
    assert.ok(writes.length >= 1, 'the streaming reply was written while it arrived');
    for (let i = 1; i < writes.length; i++) {
      assert.ok(writes[i].startedAt >= writes[i - 1].doneAt!, `write ${i} started while write ${i - 1} was still going`);
    }
    if (writes.length > 1) {
      // The first took 400 ms or more: the next waits twice that after it.
      const pause = writes[1].startedAt - writes[0].doneAt!;
      assert.ok(pause >= 750, `the write after a 400 ms one came ${pause} ms after it`);
    }
  });

  it('streams a reply in deltas, stores it with stats, and titles the conversation', async () => {
    const c = await chat.startConversation('first');
    const reply = await chat.sendMessage('first', 'What is TypeScript?');
    assert.equal(reply.status, 'complete');
    assert.equal(reply.content, defaultReply('What is TypeScript?'));
    assert.equal(reply.role, 'assistant');
    assert.equal(reply.model, 'mistral');
    assert.ok(reply.stats && reply.stats.evalCount > 0 && reply.stats.tokensPerSecond > 0, JSON.stringify(reply.stats));
    assert.ok(reply.stats.timeToFirstTokenMs !== undefined);
    const deltas = events.filter((e) => e.type === 'delta');
    assert.ok(deltas.length > 5, `only ${deltas.length} deltas`);
    const stored = chat.getConversation(c.id)!;
    assert.equal(stored.title, 'What is TypeScript?');
    assert.deepEqual(stored.messages.map((m) => [m.role, m.status]), [['user', 'complete'], ['assistant', 'complete']]);
    const chatRequest = await server.waitForRequest((r) => r.path === '/api/chat');
    assert.deepEqual((chatRequest.body as { messages: unknown[] }).messages, [{ role: 'user', content: 'What is TypeScript?' }]);
    assert.equal((chatRequest.body as { stream: boolean }).stream, true);
  });

  it('sends the history, the system prompt, options and keep_alive with the next message', async () => {
    settings = { ...settings, systemPrompt: 'Be brief.', options: { num_ctx: 8192 }, keepAlive: '1h' };
    await chat.startConversation('h');
    await chat.sendMessage('h', 'one');
    await chat.sendMessage('h', 'two', { model: 'llama3.2' });
    const requests = server.requests.filter((r) => r.path === '/api/chat');
    const body = requests[1].body as { model: string; messages: { role: string }[]; options: unknown; keep_alive: unknown };
    assert.equal(body.model, 'llama3.2');
    assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.deepEqual(body.options, { num_ctx: 8192 });
    assert.equal(body.keep_alive, '1h');
  });

  it('rejects a duplicate conversation id, an empty prompt and a second send while a reply streams', async () => {
    await chat.startConversation('d');
    await assert.rejects(chat.startConversation('d'), /already exists/);
    await assert.rejects(chat.sendMessage('d', '   '), /empty/);
    await assert.rejects(chat.sendMessage('nope', 'hi'), /No conversation/);
    // A short reply: the second send is refused as soon as the first one's reply has started.
    server.enqueueReply({ text: 'Still writing this one.', tokenDelayMs: 20 });
    const first = chat.sendMessage('d', 'slow one');
    await assert.rejects(chat.sendMessage('d', 'interleaved?'), /still being written/);
    assert.equal((await first).status, 'complete');
    assert.equal(chat.getConversation('d')!.messages.length, 2);
  });

  it('Stop mid-stream closes the request on the server and keeps the partial reply, marked stopped', async () => {
    await chat.startConversation('s');
    server.enqueueReply({ text: 'word '.repeat(400), tokenDelayMs: 5 });
    const pending = chat.sendMessage('s', 'long please');
    await new Promise<void>((resolve) => {
      const sub = chat.onEvent((e) => {
        if (e.type === 'delta' && events.filter((x) => x.type === 'delta').length >= 5) {
          sub.dispose();
          resolve();
        }
      });
    });
    chat.stop('s');
    const reply = await pending;
    assert.equal(reply.status, 'stopped');
    assert.ok(reply.content.length > 0 && reply.content.length < 2000, `${reply.content.length}`);
    const request = await server.waitForRequest((r) => r.path === '/api/chat');
    assert.equal(await request.done, 'clientClosed');
    assert.equal(chat.getConversation('s')!.messages[1].status, 'stopped');
  });

  it('Stop before the first token (model still loading) aborts the waiting request', async () => {
    await chat.startConversation('w');
    server.enqueueReply({ firstTokenDelayMs: 30_000 });
    const pending = chat.sendMessage('w', 'cold model');
    const request = await server.waitForRequest((r) => r.path === '/api/chat');
    assert.equal(chat.streamInfo('w')?.phase, 'waiting');
    chat.stop('w');
    chat.stop('w');
    const reply = await pending;
    assert.equal(reply.status, 'stopped');
    assert.equal(reply.content, '');
    assert.equal(await request.done, 'clientClosed');
  });

  it('keeps the partial text and says what happened when the stream breaks', async () => {
    const cases: [Parameters<OllamaSimulator['enqueueReply']>[0], RegExp][] = [
      [{ fault: { kind: 'midStreamError', afterTokens: 3, error: 'CUDA out of memory' } }, /stopped with an error.*CUDA out of memory/],
      [{ fault: { kind: 'drop', afterTokens: 3 } }, /connection to Ollama was lost/],
      [{ fault: { kind: 'noDone', afterTokens: 3 } }, /without finishing/],
    ];
    for (const [script, message] of cases) {
      const c = await chat.startConversation();
      server.enqueueReply(script);
      const reply = await chat.sendMessage(c.id, 'break please');
      assert.equal(reply.status, 'error', JSON.stringify(script));
      assert.match(reply.error ?? '', message);
      assert.ok(reply.content.length > 0, 'partial text kept');
      assert.equal(chat.getConversation(c.id)!.messages[1].content, reply.content);
      assert.match(chat.currentError(c.id)?.actions.map((a) => a.id).join() ?? '', /retry/);
    }
  });

  it('maps a missing model, a busy server and Ollama not running to messages with a way forward', async () => {
    const c = await chat.startConversation();
    const missing = await chat.sendMessage(c.id, 'hi', { model: 'nope' });
    assert.match(missing.error ?? '', /"nope" is not installed/);
    assert.deepEqual(chat.currentError(c.id)?.actions.map((a) => a.id), ['pullModel', 'pickModel']);

    server.enqueueReply({ fault: { kind: 'httpError', status: 503, error: 'server busy, please try again.  maximum pending requests exceeded' } });
    const busy = await chat.sendMessage(c.id, 'again');
    assert.match(busy.error ?? '', /busy/);

    settings = { ...settings, host: `http://127.0.0.1:${await closedPort()}` };
    const down = await chat.sendMessage(c.id, 'anyone?');
    assert.equal(down.status, 'error');
    assert.match(down.error ?? '', /Cannot reach Ollama at http:\/\/127\.0\.0\.1:\d+.*ollama serve/);
    await assert.rejects(chat.listModels(), /Cannot reach Ollama/);
    assert.equal(chat.getConversation(c.id)!.messages.filter((m) => m.role === 'user').length, 3, 'user messages kept');
  });

  it('refuses an invalid host with an example of a valid one', async () => {
    settings = { ...settings, host: 'localhost:11434' };
    const c = await chat.startConversation();
    const reply = await chat.sendMessage(c.id, 'hi');
    assert.match(reply.error ?? '', /must start with http:\/\/ or https:\/\/.*http:\/\/127\.0\.0\.1:11434/);
    assert.equal(server.requests.length, 0);
  });

  it('Retry (regenerate) replaces a failed reply with a new one', async () => {
    const c = await chat.startConversation();
    server.enqueueReply({ fault: { kind: 'httpError', status: 500, error: 'boom' } });
    assert.equal((await chat.sendMessage(c.id, 'try')).status, 'error');
    const again = await chat.regenerate(c.id);
    assert.equal(again.status, 'complete');
    assert.deepEqual(chat.getConversation(c.id)!.messages.map((m) => m.status), ['complete', 'complete']);
  });

  it('edit and resend asks the edited question on a new branch, keeping the old one and everything after it', async () => {
    const c = await chat.startConversation();
    await chat.sendMessage(c.id, 'first question');
    await chat.sendMessage(c.id, 'second question');
    const firstId = chat.getConversation(c.id)!.messages[0].id;
    await chat.editAndResend(c.id, firstId, 'better question');
    const edited = chat.getConversation(c.id)!;
    assert.deepEqual(edited.messages.map((m) => m.content.slice(0, 15)),
      ['better question', defaultReply('better question').slice(0, 15)]);
    // The model was asked the edited question alone, not the branch it replaced.
    const body = server.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as { messages: { content: string }[] };
    assert.deepEqual(body.messages.map((m) => m.content), ['better question']);
    assert.deepEqual(edited.messages[0].branches!.map((b) => b.map((m) => m.content.slice(0, 15))),
      [['first question', defaultReply('first question').slice(0, 15), 'second question', defaultReply('second question').slice(0, 15)]]);
    // Switching back shows the old branch, stored, and the next message continues from it.
    await chat.selectBranch(c.id, edited.messages[0].id, 0);
    const reloaded = await makeService();
    assert.deepEqual(reloaded.getConversation(c.id)!.messages.map((m) => m.content.slice(0, 15)).filter((_, i) => i % 2 === 0),
      ['first question', 'second question']);
    await reloaded.sendMessage(c.id, 'third question');
    const next = server.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as { messages: { content: string }[] };
    assert.deepEqual(next.messages.filter((_, i) => i % 2 === 0).map((m) => m.content), ['first question', 'second question', 'third question']);
    await assert.rejects(reloaded.selectBranch(c.id, firstId, 5), /no branch 6/);
  });

  it('regenerates the last reply with another model, keeping the earlier reply as a version by its own model', async () => {
    const c = await chat.startConversation();
    await chat.sendMessage(c.id, 'compare');
    const again = await chat.regenerate(c.id, 'llama3.2');
    assert.equal(again.model, 'llama3.2');
    assert.equal((server.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as { model: string }).model, 'llama3.2');
    assert.deepEqual(again.versions!.map((v) => v.model), ['mistral']);
    // The conversation's own model is unchanged: the next message goes to it.
    assert.equal(chat.getConversation(c.id)!.settings?.model, undefined);
  });

  it('streams thinking separately for models that can think', async () => {
    const c = await chat.startConversation();
    const reply = await chat.sendMessage(c.id, 'think about it', { model: 'qwen3:8b' });
    assert.ok(reply.thinking && reply.thinking.length > 0);
    const body = (await server.waitForRequest((r) => r.path === '/api/chat')).body as { think?: boolean };
    assert.equal(body.think, true);
  });

  it('persists a streaming reply while it arrives so a reload keeps it', async () => {
    const c = await chat.startConversation();
    server.enqueueReply({ text: 'x'.repeat(4000), tokenDelayMs: 2 });
    const pending = chat.sendMessage(c.id, 'stream and persist');
    await new Promise<void>((resolve) => {
      const sub = chat.onEvent((e) => {
        if (e.type === 'delta') {
          sub.dispose();
          resolve();
        }
      });
    });
    await chat.flush();
    const reloaded = await makeService();
    const partial = reloaded.getConversation(c.id)!.messages[1];
    assert.equal(partial.status, 'stopped');
    assert.ok(partial.content.length > 0);
    chat.stop();
    await pending;
  });

  it('generate streams the text of a one-shot completion and reports errors in words', async () => {
    let text = '';
    for await (const piece of chat.generate('Hello there')) text += piece;
    assert.equal(text, defaultReply('Hello there'));
    await assert.rejects(async () => {
      for await (const _ of chat.generate('x', { model: 'missing-model' })) void _;
    }, /"missing-model" is not installed/);
  });

  it('leaves the oldest turns out when the context window would overflow, and says so on the reply', async () => {
    settings = { ...settings, options: { num_ctx: 2048 } };
    const c = await chat.startConversation();
    server.enqueueReply({ text: 'y'.repeat(6000) });
    await chat.sendMessage(c.id, 'first ' + 'x'.repeat(1000));
    const reply = await chat.sendMessage(c.id, 'second question');
    assert.match(reply.notice ?? '', /^The 2 oldest messages \(from "first x+…" to "y+…"\) were left out.*num_ctx 2048/);
    const body = server.requests.filter((r) => r.path === '/api/chat').pop()!.body as { messages: { content: string }[] };
    assert.deepEqual(body.messages.map((m) => m.content), ['second question']);
  });

  it('uses per-conversation settings over the global ones', async () => {
    const c = await chat.startConversation();
    await chat.updateConversationSettings(c.id, { model: 'llama3.2', systemPrompt: 'Talk like a pirate.', temperature: 0.1, numCtx: 16384 });
    await chat.sendMessage(c.id, 'hello');
    const body = server.requests.filter((r) => r.path === '/api/chat').pop()!.body as { model: string; messages: { role: string; content: string }[]; options: Record<string, number> };
    assert.equal(body.model, 'llama3.2');
    assert.deepEqual(body.messages[0], { role: 'system', content: 'Talk like a pirate.' });
    assert.deepEqual(body.options, { temperature: 0.1, num_ctx: 16384 });
    await chat.updateConversationSettings(c.id, { model: undefined, systemPrompt: undefined, temperature: undefined, numCtx: undefined });
    assert.equal(chat.getConversation(c.id)!.settings, undefined);
  });

  it('lists models as ModelDtos', async () => {
    const models = await chat.listModels();
    const mistral = models.find((m) => m.name === 'mistral:latest');
    assert.ok(mistral);
    assert.equal(mistral.model, 'mistral');
    assert.equal(mistral.version, 'latest');
    assert.ok(mistral.size > 0);
  });

  /** Resolves once `count` deltas of conversation `id` have arrived. */
  function deltasArrived(id: string, count: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const sub = chat.onEvent(() => {
        if (events.filter((e) => e.type === 'delta' && e.conversationId === id).length >= count) {
          sub.dispose();
          resolve();
        }
      });
    });
  }

  it('Regenerate with Ollama down keeps the complete answer as an earlier version, one click away, and saved so', async () => {
    const c = await chat.startConversation();
    const first = await chat.sendMessage(c.id, 'keep me');
    settings = { ...settings, host: `http://127.0.0.1:${await closedPort()}` };
    const failed = await chat.regenerate(c.id);
    assert.equal(failed.status, 'error');
    const stored = chat.getConversation(c.id)!;
    assert.equal(stored.messages.length, 2);
    assert.equal(stored.messages[1].status, 'error', 'the failure is shown, with its error');
    assert.equal(stored.messages[1].versions?.[0]?.content, first.content, 'the complete answer is kept');
    assert.equal(stored.messages[1].versions?.[0]?.status, 'complete');
    const reloaded = await makeService();
    assert.deepEqual(reloaded.getConversation(c.id)!.messages[1].versions, stored.messages[1].versions, 'and saved so');
    const back = await chat.selectVersion(c.id, stored.messages[1].id, 0);
    assert.equal(back.content, first.content);
    assert.equal(back.status, 'complete');
    assert.deepEqual(back.versions?.map((v) => v.status), ['error'], 'the failed attempt stays one click away too');
    assert.equal((await makeService()).getConversation(c.id)!.messages[1].content, first.content, 'the choice is saved');
  });

  it('keeps the previous reply while the new one streams; a stopped regenerate keeps both', async () => {
    const c = await chat.startConversation();
    const first = await chat.sendMessage(c.id, 'first answer please');
    server.enqueueReply({ text: 'word '.repeat(400), tokenDelayMs: 5 });
    const pending = chat.regenerate(c.id);
    await deltasArrived(c.id, events.filter((e) => e.type === 'delta').length + 3);
    assert.equal(chat.getConversation(c.id)!.messages[1].versions?.[0]?.content, first.content, 'kept while the new one streams');
    chat.stop(c.id);
    const stopped = await pending;
    assert.equal(stopped.status, 'stopped');
    assert.ok(stopped.content.length > 0);
    assert.deepEqual(stopped.versions?.map((v) => v.content), [first.content]);
  });

  it('sends the model only the shown version; search finds every version; Retry of an empty failure keeps no empty version', async () => {
    const c = await chat.startConversation();
    server.enqueueReply({ text: 'Answer A' });
    await chat.sendMessage(c.id, 'question');
    server.enqueueReply({ text: 'Answer B' });
    const b = await chat.regenerate(c.id);
    assert.equal(b.content, 'Answer B');
    assert.deepEqual(b.versions?.map((v) => v.content), ['Answer A']);
    assert.equal(b.versionIndex, 1);
    const chatBodies = () => server.requests.filter((r) => r.path === '/api/chat').map((r) => (r.body as { messages: { content: string }[] }).messages.map((m) => m.content));
    assert.deepEqual(chatBodies().pop(), ['question'], 'the reply being replaced is not sent');
    await chat.selectVersion(c.id, b.id, 0);
    await chat.sendMessage(c.id, 'next');
    assert.deepEqual(chatBodies().pop(), ['question', 'Answer A', 'next']);
    assert.deepEqual(chat.searchConversations('answer b'), [c.id]);
    await assert.rejects(chat.selectVersion(c.id, b.id, 2), /no version 3/);
    await assert.rejects(chat.selectVersion(c.id, 'nope', 0), /no longer in the conversation/);

    server.enqueueReply({ fault: { kind: 'httpError', status: 500, error: 'boom' } });
    await chat.regenerate(c.id);
    const again = await chat.regenerate(c.id);
    assert.equal(again.status, 'complete');
    assert.deepEqual(again.versions?.map((v) => v.status), ['complete'], 'the failure without text is not kept as a version');
  });

  it('Delete while a reply streams, then Undo: restores all that arrived, marked stopped', async () => {
    const c = await chat.startConversation();
    server.enqueueReply({ text: 'word '.repeat(400), tokenDelayMs: 5 });
    const pending = chat.sendMessage(c.id, 'delete me while you talk');
    await deltasArrived(c.id, 5);
    const removed = await chat.deleteConversation(c.id);
    const reply = await pending;
    const streamed = events.filter((e) => e.type === 'delta' && e.conversationId === c.id).map((e) => (e as { content: string }).content).join('');
    assert.equal(reply.status, 'stopped');
    assert.equal(reply.content, streamed);
    assert.equal(removed?.messages[1].status, 'stopped');
    assert.equal(removed?.messages[1].content, streamed, 'the copy for Undo has everything that arrived');
    await chat.restoreConversation(removed!);
    assert.equal(chat.getConversation(c.id)!.messages[1].status, 'stopped');
    assert.equal(chat.getConversation(c.id)!.messages[1].content, streamed);
  });

  it('an import never changes an existing conversation, and Undo of a delete survives an import that took its id', async () => {
    const existing = await chat.startConversation('taken');
    await chat.sendMessage(existing.id, 'mine');
    const before = chat.getConversation('taken');
    const importedId = await chat.importConversation({ ...structuredClone(before!), title: 'Imported', messages: [] });
    assert.notEqual(importedId, 'taken');
    assert.deepEqual(chat.getConversation('taken'), before);

    const removed = await chat.deleteConversation('taken');
    const intoFreedId = await chat.importConversation({ ...structuredClone(before!), title: 'Imported again' });
    assert.equal(intoFreedId, 'taken');
    await chat.restoreConversation(removed!);
    assert.deepEqual(chat.listConversations().map((s) => s.title).sort(), ['Imported', 'Imported again', 'mine']);
    assert.equal(chat.getConversation('taken')!.title, 'Imported again');
  });
});
