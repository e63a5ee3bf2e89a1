import * as assert from 'node:assert/strict';
import { parseHeader } from '../../src/core/settings/authHeader';
import { describeError } from '../../src/core/ollama/errors';
import type { ChatChunk } from '../../src/core/ollama/ollamaClient';
import { OllamaClient, sameModel, splitModelName, statsFromFinalChunk } from '../../src/core/ollama/ollamaClient';
import { OllamaSimulator } from '../../simulator';
import type { Fault } from '../../simulator';

describe('OllamaClient against the Ollama simulator', () => {
  let server: OllamaSimulator;
  let headers: Record<string, string> | undefined;
  let client: OllamaClient;

  beforeEach(async () => {
    server = await OllamaSimulator.start();
    headers = undefined;
    client = new OllamaClient(() => ({ host: server.url, headers }));
  });
  afterEach(() => server.stop());

  async function collect(signal?: AbortSignal, model = 'mistral'): Promise<ChatChunk[]> {
    const chunks: ChatChunk[] = [];
    for await (const c of client.chat({ model, messages: [{ role: 'user', content: 'hi' }], signal })) chunks.push(c);
    return chunks;
  }

  it('streams tokens, then one done chunk with stats in milliseconds', async () => {
    const chunks = await collect();
    const done = chunks.filter((c) => c.type === 'done');
    assert.equal(done.length, 1);
    assert.equal(chunks[chunks.length - 1].type, 'done');
    assert.ok(chunks.filter((c) => c.type === 'token').length > 10);
    const stats = (done[0] as Extract<ChatChunk, { type: 'done' }>).stats;
    assert.ok(stats.evalCount > 0 && stats.evalDurationMs > 0 && stats.tokensPerSecond > 0, JSON.stringify(stats));
    assert.equal(stats.doneReason, 'stop');
  });

  it('sends the auth header with every request', async () => {
    headers = { Authorization: 'Bearer s3cret' };
    await collect();
    await client.listModels();
    const seen = server.requests.map((r) => r.headers.authorization);
    assert.deepEqual(seen, seen.map(() => 'Bearer s3cret'));
  });

  it('breaking out of the stream closes the request on the server', async () => {
    server.enqueueReply({ text: 'x '.repeat(300), tokenDelayMs: 5 });
    let n = 0;
    for await (const chunk of client.chat({ model: 'mistral', messages: [{ role: 'user', content: 'hi' }] })) {
      if (chunk.type === 'token' && ++n === 3) break;
    }
    const request = await server.waitForRequest((r) => r.path === '/api/chat');
    assert.equal(await request.done, 'clientClosed');
  });

  it('lets timers run while it reads a reply that arrived all at once (the view gets deltas as it goes)', async () => {
    // The whole reply is buffered before it is read, so each chunk is read as a microtask: without a turn of the
    // event loop now and then, a timer (the view's delta batcher) would fire only after the last chunk.
    const tokens = Array.from({ length: 200 }, (_, i) => `t${i} `);
    server.enqueueReply({ tokens, tokenDelayMs: 0 });
    const stream = client.chat({ model: 'mistral', messages: [{ role: 'user', content: 'hi' }] });
    const first = await stream.next();
    assert.equal(first.value?.type, 'token');
    const request = await server.waitForRequest((r) => r.path === '/api/chat');
    assert.equal(await request.done, 'completed');
    let firedAt: number | undefined;
    let read = 1;
    setTimeout(() => (firedAt = read), 0);
    for await (const chunk of stream) {
      if (chunk.type !== 'token') continue;
      read++;
      // A consumer that takes its time per token (rendering, relaying): 200 tokens take ~400 ms.
      const until = Date.now() + 2;
      while (Date.now() < until) { /* busy */ }
    }
    assert.equal(read, tokens.length);
    assert.ok(firedAt !== undefined && firedAt < tokens.length / 2, `the timer fired after token ${firedAt} of ${tokens.length}`);
  });

  it('aborting during the model load (no headers yet) ends the request at once', async () => {
    server.enqueueReply({ firstTokenDelayMs: 60_000 });
    const abort = new AbortController();
    const pending = collect(abort.signal);
    const request = await server.waitForRequest((r) => r.path === '/api/chat');
    abort.abort();
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
    assert.equal(await request.done, 'clientClosed');
  });

  it('keeps multi-byte characters split across network writes exact', async () => {
    const text = 'Grüße 👋🏽 — 你好, naïve café ✓';
    server.enqueueReply({ text, splitUtf8: true });
    const chunks = await collect();
    assert.equal(chunks.map((c) => (c.type === 'token' ? c.content : '')).join(''), text);
  });

  it('skips an invalid JSON line and still delivers the whole reply', async () => {
    server.enqueueReply({ text: 'one two three four five six', fault: { kind: 'invalidJsonLine', afterTokens: 2 } });
    const chunks = await collect();
    assert.equal(chunks.map((c) => (c.type === 'token' ? c.content : '')).join(''), 'one two three four five six');
  });

  const faults: [string, Fault, RegExp, string][] = [
    ['404 unknown model', { kind: 'httpError', status: 404, error: "model 'mistral' not found" }, /"mistral" is not installed/, 'modelNotFound'],
    ['400 bad request', { kind: 'httpError', status: 400, error: 'model is required' }, /refused the request: model is required/, 'badRequest'],
    ['503 busy', { kind: 'httpError', status: 503, error: 'server busy, please try again.  maximum pending requests exceeded' }, /busy/, 'busy'],
    ['mid-stream error line', { kind: 'midStreamError', afterTokens: 2, error: 'out of memory' }, /stopped with an error/, 'serverError'],
    ['dropped connection', { kind: 'drop', afterTokens: 2 }, /connection to Ollama was lost/, 'streamBroken'],
    ['stream without done', { kind: 'noDone', afterTokens: 2 }, /without finishing/, 'streamBroken'],
    ['proxy HTML error page', { kind: 'htmlBody', status: 502, body: '<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>' }, /HTTP 502/, 'serverError'],
  ];
  for (const [name, fault, message, kind] of faults) {
    it(`maps ${name} to a message in user words`, async () => {
      server.enqueueReply({ fault });
      const err = await collect().then(() => undefined, (e: unknown) => e);
      assert.ok(err, 'expected the stream to fail');
      const described = describeError(err, { host: server.url, model: 'mistral' });
      assert.equal(described.kind, kind);
      assert.match(`${described.message} ${described.detail ?? ''}`, message);
      assert.ok(described.actions.length > 0);
    });
  }

  it('maps connection refused to "not running" with the host it tried', async () => {
    const url = server.url;
    await server.stop();
    const err = await collect().then(() => undefined, (e: unknown) => e);
    const described = describeError(err, { host: url, model: 'mistral' });
    assert.equal(described.kind, 'notRunning');
    assert.match(described.message, new RegExp(`Cannot reach Ollama at ${url}`));
    assert.deepEqual(described.actions.map((a) => a.id), ['retry', 'openSettings']);
  });

  it('maps an unresolvable host name to a message that says so', async () => {
    const unresolvable = new OllamaClient(() => ({ host: 'http://no-such-host.invalid:11434' }));
    const err = await unresolvable.listModels().then(() => undefined, (e: unknown) => e);
    const described = describeError(err, { host: 'http://no-such-host.invalid:11434', model: 'mistral' });
    assert.equal(described.kind, 'notRunning');
    assert.match(described.message, /does not resolve|Cannot reach/);
  });

  it('reports pull progress to success, and an unknown model as an error', async () => {
    const statuses: string[] = [];
    await client.pull('mistral', (p) => statuses.push(p.status));
    assert.equal(statuses[0], 'pulling manifest');
    assert.equal(statuses[statuses.length - 1], 'success');
    await assert.rejects(client.pull('does-not-exist-anywhere', () => undefined), /file does not exist/);
  });
});

describe('Ollama client helpers', () => {
  it('converts nanosecond durations and computes tokens per second', () => {
    const stats = statsFromFinalChunk({ eval_count: 50, eval_duration: 2e9, prompt_eval_count: 7, total_duration: 3e9, load_duration: 5e8, done_reason: 'stop' });
    assert.deepEqual(stats, { evalCount: 50, promptEvalCount: 7, totalDurationMs: 3000, loadDurationMs: 500, evalDurationMs: 2000, tokensPerSecond: 25, doneReason: 'stop' });
  });

  it('splits and compares model names like Ollama does', () => {
    assert.deepEqual(splitModelName('mistral:latest'), { model: 'mistral', version: 'latest' });
    assert.deepEqual(splitModelName('hf.co/org/model:Q4'), { model: 'hf.co/org/model', version: 'Q4' });
    assert.ok(sameModel('mistral', 'mistral:latest'));
    assert.ok(!sameModel('mistral', 'mistral:7b'));
  });

  it('parses auth headers and refuses header injection', () => {
    assert.deepEqual(parseHeader('Authorization: Bearer abc'), { name: 'Authorization', value: 'Bearer abc' });
    assert.deepEqual(parseHeader('Bearer abc'), { name: 'Authorization', value: 'Bearer abc' });
    assert.deepEqual(parseHeader('X-Api-Key:k'), { name: 'X-Api-Key', value: 'k' });
    assert.equal(parseHeader('  '), undefined);
    assert.equal(parseHeader('Authorization: a\r\nX-Evil: 1'), undefined);
  });
});
