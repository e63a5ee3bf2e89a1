import * as assert from 'node:assert/strict';
import type { ChatService } from '../../src/core/chat/chatService';
import { effectiveWindow, OLLAMA_DEFAULT_NUM_CTX, raisedNumCtx } from '../../src/core/chat/effectiveWindow';
import { buildPrompt } from '../../src/core/chat/promptBuilder';
import { tokenRatio } from '../../src/core/chat/tokenCalibration';
import { ModelCapabilities } from '../../src/core/ollama/modelCapabilities';
import { factsFromShow } from '../../src/core/ollama/modelFacts';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import type { Settings } from '../../src/core/settings/config';
import { estimateTokens, fitTurns, tokensForChars } from '../../src/shared/contextBudget';
import { firstWords, leftOutNotice } from '../../src/shared/leftOutNotice';
import type { ChatMessage, Conversation } from '../../src/shared/types';
import { DEFAULT_MODELS, OllamaSimulator } from '../../simulator';
import { memoryChat } from '../fixtures/memoryChat';

const base: Settings = { host: 'http://127.0.0.1:1', model: 'mistral', systemPrompt: '', options: {}, keepAlive: '5m' };

function conversation(messages: Partial<ChatMessage>[], settings?: Conversation['settings']): Conversation {
  return {
    id: 'c', title: 't', createdAt: 0, updatedAt: 0, settings,
    messages: messages.map((m, i) => ({ id: `m${i}`, role: 'user', content: '', timestamp: 0, ...m })),
  };
}

describe('the token estimate', () => {
  it('depends on the length only, with a few tokens of overhead, and scales by the ratio', () => {
    assert.equal(estimateTokens(''), 4);
    assert.equal(estimateTokens('x'.repeat(35)), 14);
    assert.equal(tokensForChars(35, 1), 14);
    assert.equal(tokensForChars(35, 2), 28);
  });

  it('fits turns from the oldest, keeps the newest, and never starts with an orphan reply', () => {
    const turns = [{ role: 'user', tokens: 1000 }, { role: 'assistant', tokens: 1000 }, { role: 'user', tokens: 1000 }];
    assert.deepEqual(fitTurns(0, turns, 4096), { start: 0, total: 3000, overflow: false });
    assert.deepEqual(fitTurns(500, turns, 4096), { start: 2, total: 1500, overflow: false }, 'never begins with the reply');
    assert.deepEqual(fitTurns(0, [{ role: 'user', tokens: 5000 }], 4096), { start: 0, total: 5000, overflow: true });
  });

  it('names the turns left out, before and after sending', () => {
    assert.equal(leftOutNotice(['How do I   sort a list?'], 2048),
      'The oldest message ("How do I sort a list?") was left out to fit the model\'s context window (num_ctx 2048).');
    assert.match(leftOutNotice(['a', 'b', 'c'], 4096, true), /^The 3 oldest messages \(from "a" to "c"\) will be left out/);
  });

  it('names a message by its first words, read from its start only, the same as from all of it', () => {
    const naive = (text: string, max = 40) => {
      const line = text.replace(/\s+/g, ' ').trim();
      return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
    };
    const texts = [
      '', '   ', 'short', 'x'.repeat(40), 'x'.repeat(41), `${' '.repeat(500)}late\n\n\tstart ${'y '.repeat(100)}`,
      `a${' \n'.repeat(5000)}b`, `${'word   '.repeat(22)}end`, `${'z'.repeat(38)}   ${'w'.repeat(10)}`, 'ö ü  ß\u00a0\u2003é '.repeat(30),
    ];
    for (const text of texts) for (const max of [1, 2, 10, 40]) assert.equal(firstWords(text, max), naive(text, max), JSON.stringify([text.slice(0, 60), max]));
    const long = `Explain closures ${'lorem ipsum '.repeat(200_000)}`;
    assert.equal(firstWords(long), naive(long));
  });
});

describe('the effective context window', () => {
  const facts = { capabilities: [], contextLength: 32_768, modelfileNumCtx: 8192 };

  it('takes the conversation, then the settings, then the Modelfile, then Ollama\'s default', () => {
    const settings = { ...base, options: { num_ctx: 16_384 } };
    assert.deepEqual(effectiveWindow(conversation([], { numCtx: 2048 }), settings, facts), { numCtx: 2048, source: 'conversation', modelMax: 32_768 });
    assert.deepEqual(effectiveWindow(conversation([]), settings, facts), { numCtx: 16_384, source: 'settings', modelMax: 32_768 });
    assert.deepEqual(effectiveWindow(conversation([]), base, facts), { numCtx: 8192, source: 'model', modelMax: 32_768 });
    assert.deepEqual(effectiveWindow(undefined, base, undefined), { numCtx: OLLAMA_DEFAULT_NUM_CTX, source: 'ollama', modelMax: undefined });
  });

  it('never exceeds the model\'s own maximum, and Raise doubles up to it', () => {
    const window = effectiveWindow(conversation([], { numCtx: 100_000 }), base, facts);
    assert.equal(window.numCtx, 32_768);
    assert.equal(raisedNumCtx(window), undefined);
    assert.equal(raisedNumCtx({ numCtx: 4096, source: 'ollama', modelMax: 6000 }), 6000);
    assert.equal(raisedNumCtx({ numCtx: 4096, source: 'ollama' }), 8192);
  });

  it('reads the context length, the Modelfile num_ctx and the KV cache per token from /api/show', async () => {
    const server = await OllamaSimulator.start();
    try {
      const facts = await new OllamaClient(() => ({ host: server.url })).modelFacts('qwen3:8b');
      // 2 (keys and values) × 32 layers × 128 per head × 8 KV heads × 2 bytes (f16)
      assert.deepEqual(facts, { capabilities: ['completion', 'tools', 'thinking'], contextLength: 40_960, modelfileNumCtx: undefined, kvBytesPerToken: 131_072 });
    } finally {
      await server.stop();
    }
    assert.equal(factsFromShow({ parameters: 'stop "<|im_end|>"\nnum_ctx                        8192\ntemperature 0.7' }).modelfileNumCtx, 8192);
    assert.deepEqual(factsFromShow({ model_info: 'nonsense', capabilities: [1, 'vision'] }), { capabilities: ['vision'], contextLength: undefined, modelfileNumCtx: undefined, kvBytesPerToken: undefined });
  });
});

describe('the estimate corrected by prompt_eval_count', () => {
  it('learns the ratio from the newest reply that has both figures, bounded', () => {
    const stats = (promptEvalCount: number, promptEstimate?: number) => ({ evalCount: 1, promptEvalCount, totalDurationMs: 0, loadDurationMs: 0, evalDurationMs: 0, tokensPerSecond: 0, promptEstimate });
    assert.equal(tokenRatio(conversation([{ role: 'assistant', stats: stats(50) }])), 1);
    assert.equal(tokenRatio(conversation([{ role: 'assistant', stats: stats(300, 100) }, { role: 'assistant', stats: stats(150, 100) }])), 1.5);
    assert.equal(tokenRatio(conversation([{ role: 'assistant', stats: stats(10_000, 100) }])), 4);
  });

  it('fits the prompt with the corrected estimate: what fits by length may not fit in real tokens', () => {
    const turns: Partial<ChatMessage>[] = [
      { role: 'user', content: 'a'.repeat(3500) },
      { role: 'assistant', content: 'b'.repeat(3500), stats: { evalCount: 1, promptEvalCount: 0, totalDurationMs: 0, loadDurationMs: 0, evalDurationMs: 0, tokensPerSecond: 0 } },
      { role: 'user', content: 'c'.repeat(350) },
    ];
    const window = { numCtx: 4096, source: 'ollama' as const };
    const plain = buildPrompt(conversation(turns), base, window);
    assert.equal(plain.messages.length, 3);
    assert.equal(plain.estimate, 3 * 4 + 1000 + 1000 + 100);
    turns[1].stats = { ...turns[1].stats!, promptEvalCount: 2 * 1004, promptEstimate: 1004 }; // this model: twice our estimate
    const corrected = buildPrompt(conversation(turns), base, window);
    assert.deepEqual(corrected.messages.map((m) => m.content[0]), ['c']);
    assert.match(corrected.notice ?? '', /The 2 oldest messages \(from "a+…" to "b+…"\) were left out .*num_ctx 4096/);
  });
});

describe('context limits against the Ollama simulator', () => {
  let server: OllamaSimulator;
  let settings: Settings;
  let chat: ChatService;

  beforeEach(async () => {
    server = await OllamaSimulator.start();
    settings = { ...base, host: server.url };
    chat = await memoryChat(() => settings);
  });

  afterEach(async () => {
    chat.stop();
    await server.stop();
  });

  const lastChat = () => server.requests.filter((r) => r.path === '/api/chat').pop()!.body as {
    messages: { role: string; content: string }[]; think?: boolean; options?: Record<string, unknown>;
  };

  it('stores our estimate with Ollama\'s prompt_eval_count, and the meter uses their ratio', async () => {
    const c = await chat.startConversation();
    const reply = await chat.sendMessage(c.id, 'x'.repeat(700));
    assert.equal(reply.stats?.promptEstimate, estimateTokens('x'.repeat(700)));
    assert.equal(reply.stats?.promptEvalCount, 175 + 4 + 1, 'the simulator counts 4 characters a token');
    const info = await chat.contextInfo(c.id, 0);
    assert.equal(info.ratio, 180 / 204);
    assert.deepEqual(info.turns.map((t) => t.role), ['user', 'assistant']);
    assert.equal(info.turns[0].tokens, Math.ceil(204 * (180 / 204)));
    assert.deepEqual([info.known, info.numCtx, info.source, info.modelMax, info.raiseTo, info.thinking], [true, 4096, 'ollama', 32_768, 8192, 'unsupported']);
  });

  it('fits the prompt to the model\'s own maximum when num_ctx asks for more', async () => {
    server.setModels([{ ...DEFAULT_MODELS[0], contextLength: 2048 }]);
    settings = { ...settings, options: { num_ctx: 65_536 } };
    const c = await chat.startConversation();
    server.enqueueReply({ text: 'y'.repeat(7000) });
    await chat.sendMessage(c.id, 'first');
    const reply = await chat.sendMessage(c.id, 'second');
    assert.deepEqual(lastChat().messages.map((m) => m.content), ['second']);
    assert.match(reply.notice ?? '', /num_ctx 2048/);
  });

  it('continues a reply cut at the length limit, appending to the same reply', async () => {
    settings = { ...settings, options: { num_predict: 3 } };
    const c = await chat.startConversation();
    server.enqueueReply({ tokens: ['One', ' two', ' three', ' four'] });
    const cut = await chat.sendMessage(c.id, 'Count');
    assert.equal(cut.content, 'One two three');
    assert.equal(cut.stats?.doneReason, 'length');
    server.enqueueReply({ tokens: [' four', ' five'] });
    const continued = await chat.continueReply(c.id, cut.id);
    assert.deepEqual(lastChat().messages.slice(-2), [{ role: 'user', content: 'Count' }, { role: 'assistant', content: 'One two three' }]);
    assert.equal(continued.id, cut.id);
    assert.equal(continued.content, 'One two three four five');
    assert.equal(continued.status, 'complete');
    assert.equal(continued.stats?.doneReason, 'stop');
    assert.equal(chat.getConversation(c.id)!.messages.length, 2);
    await assert.rejects(chat.continueReply(c.id, 'nope'), /Only the last reply can be continued/);
  });

  it('raises num_ctx for the conversation: double, at most the model\'s maximum', async () => {
    server.setModels([{ ...DEFAULT_MODELS[0], contextLength: 6000 }]);
    const c = await chat.startConversation();
    assert.equal(await chat.raiseContext(c.id), 6000);
    assert.equal(chat.getConversation(c.id)!.settings?.numCtx, 6000);
    await assert.rejects(chat.raiseContext(c.id), /already the model's largest \(6000 tokens\)/);
    await chat.sendMessage(c.id, 'hi');
    assert.equal(lastChat().options?.num_ctx, 6000);
  });

  it('switches a thinking model\'s thinking off per conversation (think: false), and never sends think to others', async () => {
    settings = { ...settings, model: 'qwen3:8b' };
    const c = await chat.startConversation();
    await chat.sendMessage(c.id, 'one');
    assert.equal(lastChat().think, true);
    await chat.setThinking(c.id, false);
    assert.equal(chat.getConversation(c.id)!.settings?.think, false);
    assert.equal((await chat.contextInfo(c.id, 0)).thinking, 'off');
    const reply = await chat.sendMessage(c.id, 'two');
    assert.equal(lastChat().think, false);
    assert.equal(reply.thinking, undefined);
    await chat.setThinking(c.id, true);
    assert.equal(chat.getConversation(c.id)!.settings, undefined);
    settings = { ...settings, model: 'mistral' };
    await chat.sendMessage(c.id, 'three');
    assert.equal('think' in lastChat(), false);
  });

  it('still chats when /api/show fails; the meter says the window is unknown and asks again later', async () => {
    server.setShowFault({ status: 500, error: 'boom' });
    const c = await chat.startConversation();
    const reply = await chat.sendMessage(c.id, 'hi');
    assert.equal(reply.status, 'complete');
    const info = await chat.contextInfo(c.id, 120);
    assert.deepEqual([info.known, info.numCtx, info.modelMax, info.raiseTo, info.thinking, info.attachmentChars], [false, 4096, undefined, undefined, 'unknown', 120]);
    server.setShowFault(undefined);
    assert.equal((await chat.contextInfo(c.id, 0)).known, true);
  });

  it('gives up on a slow /api/show after its timeout, without remembering the failure', async () => {
    server.setShowFault({ delayMs: 5000 });
    const models = new ModelCapabilities(new OllamaClient(() => ({ host: server.url })), 200);
    assert.equal(await models.facts(server.url, 'mistral'), undefined);
    server.setShowFault(undefined);
    assert.equal((await models.facts(server.url, 'mistral'))?.contextLength, 32_768);
  });
});
