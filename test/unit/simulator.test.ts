import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { Ollama } from 'ollama';
import { DEFAULT_MODELS, OllamaSimulator, type RecordedRequest } from '../../simulator';
import { XSS_CORPUS, defaultReply, defaultThinking, magicScript, splitIntoTokens, xssReply } from '../../simulator';

/** Reads a stream to its end, keeping what arrived before an error. */
async function drain<T>(stream: AsyncIterable<T>): Promise<{ parts: T[]; error?: unknown }> {
  const parts: T[] = [];
  try {
    for await (const part of stream) {
      parts.push(part);
    }
  } catch (error) {
    return { parts, error };
  }
  return { parts };
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Body bytes as the client's socket reads delivered them. */
  reads: Buffer[];
  body: string;
}

/** One request through node:http, so the test sees status, headers and the raw bytes of each read. */
function raw(server: OllamaSimulator, method: string, path: string, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method, agent: false }, (res) => {
      const reads: Buffer[] = [];
      res.on('data', (read: Buffer) => reads.push(read));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, reads, body: Buffer.concat(reads).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `fn` with console.warn/log captured, because ollama-js reports some protocol trouble there. */
async function captureConsole<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const { warn, log } = console;
  console.warn = console.log = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  try {
    return { result: await fn(), lines };
  } finally {
    Object.assign(console, { warn, log });
  }
}

const user = (content: string) => [{ role: 'user', content }];
const isChat = (r: RecordedRequest) => r.path === '/api/chat';

describe('OllamaSimulator', () => {
  let server: OllamaSimulator;
  let client: Ollama;

  beforeEach(async () => {
    server = await OllamaSimulator.start();
    client = new Ollama({ host: server.url });
  });

  afterEach(() => server.stop());

  describe('model endpoints', () => {
    it('answers the probes a client makes', async () => {
      const root = await raw(server, 'GET', '/');
      assert.equal(root.status, 200);
      assert.equal(root.body, 'Ollama is running');
      assert.match((await client.version()).version, /^\d+\.\d+\.\d+$/);
      const { models } = await client.list();
      assert.deepEqual(models.map((m) => m.name), ['mistral:latest', 'llama3.2:latest', 'qwen3:8b']);
      assert.equal(models[0].details.parameter_size, '7.2B');
      assert.equal(models[0].details.quantization_level, 'Q4_K_M');
      assert.match(models[0].digest, /^[0-9a-f]{64}$/);
      assert.ok(models.every((m) => m.size > 1e9 && !Number.isNaN(Date.parse(String(m.modified_at)))));
      assert.equal((await raw(server, 'GET', '/api/nothing')).status, 404);
    });

    it('shows capabilities and context length, and 404s an unknown model', async () => {
      const shown = await client.show({ model: 'qwen3:8b' });
      assert.ok(shown.capabilities.includes('thinking'));
      assert.equal((shown.model_info as unknown as Record<string, unknown>)['qwen3.context_length'], 40_960);
      assert.deepEqual((await client.show({ model: 'mistral' })).capabilities, ['completion', 'tools']);
      await assert.rejects(client.show({ model: 'nope' }), { name: 'ResponseError', status_code: 404, message: "model 'nope:latest' not found" });
    });

    it('gives the shape of the model in model_info (layers, heads), as Ollama does', async () => {
      const info = (await client.show({ model: 'mistral' })).model_info as unknown as Record<string, unknown>;
      assert.equal(info['general.architecture'], 'llama');
      assert.equal(info['llama.context_length'], 32_768);
      assert.deepEqual([info['llama.block_count'], info['llama.attention.head_count'], info['llama.attention.head_count_kv']], [32, 32, 8]);
    });

    it('answers /api/show late or with an error when told to, then normally again', async () => {
      server.setShowFault({ status: 500, error: 'llama runner process has terminated' });
      await assert.rejects(client.show({ model: 'mistral' }), { name: 'ResponseError', status_code: 500, message: 'llama runner process has terminated' });
      server.setShowFault({ delayMs: 300 });
      const started = Date.now();
      await client.show({ model: 'mistral' });
      assert.ok(Date.now() - started >= 250, 'answered before the delay');
      server.setShowFault(undefined);
      assert.ok((await client.show({ model: 'mistral' })).capabilities.includes('completion'));
    });

    it('caps num_ctx at the model\'s context length, as Ollama does (/api/ps shows it)', async () => {
      await client.chat({ model: 'mistral', messages: user('hi'), options: { num_ctx: 1_000_000 } });
      const [loaded] = (await client.ps()).models as unknown as { context_length: number }[];
      assert.equal(loaded.context_length, 32_768);
    });

    it('lists a model under /api/ps once a chat loaded it', async () => {
      assert.deepEqual((await client.ps()).models, []);
      await client.chat({ model: 'mistral', messages: user('hi') });
      const { models } = await client.ps();
      assert.deepEqual(models.map((m) => m.name), ['mistral:latest']);
      assert.ok(Date.parse(String(models[0].expires_at)) > Date.now() + 60_000);
    });

    it('pulls a known model with layer progress, then lists it', async () => {
      const { parts, error } = await drain(await client.pull({ model: 'gemma3:4b', stream: true }));
      assert.equal(error, undefined);
      const statuses = parts.map((p) => p.status);
      assert.equal(statuses[0], 'pulling manifest');
      assert.deepEqual(statuses.slice(-3), ['verifying sha256 digest', 'writing manifest', 'success']);
      const weights = parts.filter((p) => p.digest === parts[1].digest);
      assert.ok(weights.length >= 4, 'several progress steps for the weights layer');
      assert.equal(weights[weights.length - 1].completed, weights[0].total);
      assert.ok(weights.every((p, i) => i === 0 || p.completed > (weights[i - 1].completed ?? 0)));
      assert.ok((await client.list()).models.some((m) => m.name === 'gemma3:4b'));
    });

    it('reports an unknown pull as an error line that ollama-js throws', async () => {
      const { parts, error } = await drain(await client.pull({ model: 'nope', stream: true }));
      assert.deepEqual(parts.map((p) => p.status), ['pulling manifest']);
      assert.equal((error as Error).message, 'pull model manifest: file does not exist');
    });

    it('deletes a model, then 404s it', async () => {
      await client.delete({ model: 'mistral' });
      assert.ok(!(await client.list()).models.some((m) => m.name === 'mistral:latest'));
      await assert.rejects(client.delete({ model: 'mistral' }), { name: 'ResponseError', status_code: 404 });
      await assert.rejects(client.chat({ model: 'mistral', messages: user('hi') }), { status_code: 404, message: "model 'mistral' not found" });
    });
  });

  describe('chat and generate', () => {
    it('streams chat tokens one chunk at a time, adding up to the default reply, with final stats', async () => {
      server.enqueueReply({ tokenDelayMs: 2 });
      const prompt = 'How do I greet someone in TypeScript?';
      const expected = splitIntoTokens(defaultReply(prompt));
      const stream = await client.chat({ model: 'mistral', messages: user(prompt), stream: true });
      const record = await server.waitForRequest(isChat);
      const chunks = [];
      for await (const part of stream) {
        if (chunks.length === 0) {
          assert.ok(record.tokensSent < expected.length, 'the first chunk arrives before the reply is complete');
        }
        chunks.push(part);
      }
      const final = chunks.pop();
      assert.deepEqual(chunks.map((c) => c.message.content), expected);
      assert.ok(chunks.every((c) => !c.done && c.model === 'mistral' && c.message.role === 'assistant'));
      assert.equal(final?.done, true);
      assert.equal(final?.done_reason, 'stop');
      assert.equal(final?.eval_count, expected.length);
      assert.ok(final && final.prompt_eval_count > 0);
      for (const key of ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration'] as const) {
        assert.ok(Number.isInteger(final?.[key]) && Number(final?.[key]) > 0, key);
      }
      assert.ok(final && final.total_duration >= final.load_duration + final.prompt_eval_duration + final.eval_duration);
      assert.equal(await record.done, 'completed');
      assert.equal(record.tokensSent, expected.length);
      assert.deepEqual(record.body, { model: 'mistral', messages: user(prompt), stream: true });
    });

    it('streams thinking before content for a thinking model', async () => {
      const prompt = 'Why is the sky blue?';
      const { parts } = await drain(await client.chat({ model: 'qwen3:8b', messages: user(prompt), think: true, stream: true }));
      const firstContent = parts.findIndex((p) => p.message.content !== '');
      const thinking = parts.filter((p) => p.message.thinking !== undefined);
      assert.ok(firstContent > 0 && thinking.length === firstContent, 'all thinking comes first');
      assert.equal(thinking.map((p) => p.message.thinking).join(''), defaultThinking(prompt));
      assert.equal(parts.map((p) => p.message.content).join(''), defaultReply(prompt));
    });

    it('streams generate responses and ends with a context', async () => {
      server.enqueueReply({ text: 'The answer is 42.' });
      const { parts } = await drain(await client.generate({ model: 'llama3.2', prompt: 'What is the answer?', stream: true }));
      const final = parts[parts.length - 1];
      assert.equal(parts.map((p) => p.response).join(''), 'The answer is 42.');
      assert.equal(final.done_reason, 'stop');
      assert.equal(final.context.length, final.prompt_eval_count + final.eval_count);
    });

    it('treats an empty prompt as a model load', async () => {
      const loaded = await client.generate({ model: 'mistral', prompt: '' });
      assert.equal(loaded.done, true);
      assert.equal(loaded.done_reason, 'load');
      assert.deepEqual((await client.ps()).models.map((m) => m.name), ['mistral:latest']);
    });

    it('answers stream:false with one complete object, and stops at num_predict', async () => {
      server.enqueueReply({ text: 'one two three four five' });
      const whole = await client.chat({ model: 'mistral', messages: user('count') });
      assert.equal(whole.message.content, 'one two three four five');
      assert.equal(whole.done_reason, 'stop');
      server.enqueueReply({ text: 'one two three four five' });
      const cut = await client.chat({ model: 'mistral', messages: user('count'), options: { num_predict: 2 } });
      assert.equal(cut.message.content, 'one two');
      assert.equal(cut.done_reason, 'length');
      assert.equal(cut.eval_count, 2);
    });

    it('reports prompt_eval_count, cuts a prompt longer than num_ctx to it, and stops with length at num_ctx when shift is off', async () => {
      const small = await client.chat({ model: 'mistral', messages: user('x'.repeat(400)) });
      assert.equal(small.prompt_eval_count, 100 + 4 + 1);
      const cut = await client.chat({ model: 'mistral', messages: user('x'.repeat(40_000)), options: { num_ctx: 2048 } });
      assert.equal(cut.prompt_eval_count, 2048);
      const six = ['one', ' two', ' three', ' four', ' five', ' six'];
      server.enqueueReply({ tokens: six });
      // The request goes through fetch: ollama-js's types have no `shift`, but Ollama reads it.
      const res = await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        body: JSON.stringify({ model: 'mistral', stream: false, shift: false, messages: user('x'.repeat(40)), options: { num_ctx: 18 } }),
      });
      const shiftOff = (await res.json()) as { message: { content: string }; done_reason: string; prompt_eval_count: number; eval_count: number };
      assert.equal(shiftOff.prompt_eval_count, 15);
      assert.equal(shiftOff.eval_count, 3);
      assert.equal(shiftOff.message.content, 'one two three');
      assert.equal(shiftOff.done_reason, 'length');
      server.enqueueReply({ tokens: six });
      const shifted = await client.chat({ model: 'mistral', messages: user('x'.repeat(40)), options: { num_ctx: 18 } });
      assert.equal(shifted.done_reason, 'stop', 'by default Ollama shifts the context and goes on');
    });

    it('streams NDJSON when stream is absent, escaping <, > and & like Go', async () => {
      const tokens = ['<b>', 'bold', '</b> & ', '<script>', 'alert(1)', '</script>'];
      const text = tokens.join('');
      server.enqueueReply({ tokens });
      const res = await raw(server, 'POST', '/api/chat', JSON.stringify({ model: 'mistral', messages: user('x') }));
      assert.equal(res.headers['content-type'], 'application/x-ndjson');
      assert.ok(res.body.includes('\\u003cscript\\u003e') && res.body.includes('\\u0026'));
      assert.ok(!/[<>&]/.test(res.body), 'no raw <, > or & on the wire');
      const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l) as { message: { content: string } });
      assert.equal(lines.map((l) => l.message.content).join(''), text);
      server.enqueueReply({ tokens });
      const { parts } = await drain(await client.chat({ model: 'mistral', messages: user('x'), stream: true }));
      assert.equal(parts.map((p) => p.message.content).join(''), text);
    });

    it('sends no headers before the first token', async () => {
      server.enqueueReply({ firstTokenDelayMs: 150 });
      const sent = Date.now();
      const res = await new Promise<number>((resolve, reject) => {
        const req = http.request(`${server.url}/api/chat`, { method: 'POST', agent: false }, (r) => {
          resolve(Date.now() - sent);
          r.resume();
        });
        req.on('error', reject);
        req.end(JSON.stringify({ model: 'mistral', messages: user('x') }));
      });
      assert.ok(res >= 140, `headers after ${res} ms`);
    });

    it('keeps a multi-byte character split across two TCP writes intact', async () => {
      const text = 'héllo wörld — 你好 🎉 ñ';
      server.enqueueReply({ text, splitUtf8: true });
      const res = await raw(server, 'POST', '/api/chat', JSON.stringify({ model: 'mistral', messages: user('x') }));
      const decoder = new TextDecoder('utf-8', { fatal: true });
      assert.ok(
        res.reads.some((read) => {
          try {
            decoder.decode(read);
            return false;
          } catch {
            return true;
          }
        }),
        'some read ends inside a character',
      );
      server.enqueueReply({ text, splitUtf8: true });
      const { parts } = await drain(await client.chat({ model: 'mistral', messages: user('x'), stream: true }));
      assert.equal(parts.map((p) => p.message.content).join(''), text);
    });

    it('uses setDefaultReply when the queue is empty, the queue first', async () => {
      server.setDefaultReply({ text: 'default text' });
      server.enqueueReply({ text: 'queued text' });
      assert.equal((await client.chat({ model: 'mistral', messages: user('a') })).message.content, 'queued text');
      assert.equal((await client.chat({ model: 'mistral', messages: user('b') })).message.content, 'default text');
    });
  });

  describe('errors as ollama-js surfaces them', () => {
    const chat = () => client.chat({ model: 'mistral', messages: user('hello'), stream: true });

    it('maps request errors to ResponseError with Ollama status and message', async () => {
      await assert.rejects(client.chat({ model: 'nope', messages: user('x'), stream: true }), { name: 'ResponseError', status_code: 404, message: "model 'nope' not found" });
      await assert.rejects(client.chat({ model: '', messages: user('x') }), { status_code: 400, message: 'model is required' });
      await assert.rejects(client.chat({ model: 'mistral', messages: user('x'), think: true }), { status_code: 400, message: '"mistral" does not support thinking' });
      const empty = await raw(server, 'POST', '/api/chat');
      assert.equal(empty.status, 400);
      assert.deepEqual(JSON.parse(empty.body), { error: 'missing request body' });
    });

    it('passes scripted HTTP errors and HTML bodies through verbatim', async () => {
      const busy = 'server busy, please try again.  maximum pending requests exceeded';
      server.enqueueReply({ fault: { kind: 'httpError', status: 503, error: busy } });
      await assert.rejects(chat(), { name: 'ResponseError', status_code: 503, message: busy });
      const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
      server.enqueueReply({ fault: { kind: 'htmlBody', status: 502, body: page } });
      await captureConsole(() => assert.rejects(chat(), { name: 'ResponseError', status_code: 502, message: page }));
    });

    it('throws a mid-stream error line after the tokens before it', async () => {
      server.enqueueReply({ text: defaultReply('x'), fault: { kind: 'midStreamError', afterTokens: 5, error: 'runner crashed' } });
      const { parts, error } = await drain(await chat());
      assert.deepEqual(parts.map((p) => p.message.content), splitIntoTokens(defaultReply('x')).slice(0, 5));
      assert.equal((error as Error).message, 'runner crashed');
      server.enqueueReply({ fault: { kind: 'midStreamError', afterTokens: 0, error: 'failed to load' } });
      await assert.rejects(chat(), { status_code: 500, message: 'failed to load' });
    });

    it('drops the connection: TypeError terminated, outcome serverDropped', async () => {
      server.enqueueReply({ fault: { kind: 'drop', afterTokens: 3 } });
      const { parts, error } = await drain(await chat());
      assert.equal(parts.length, 3);
      assert.deepEqual({ name: (error as Error).name, message: (error as Error).message }, { name: 'TypeError', message: 'terminated' });
      assert.equal(await (await server.waitForRequest(isChat)).done, 'serverDropped');
    });

    it('ends without done: ollama-js complains after all content', async () => {
      server.enqueueReply({ text: 'all of it', fault: { kind: 'noDone' } });
      const { parts, error } = await drain(await chat());
      assert.equal(parts.map((p) => p.message.content).join(''), 'all of it');
      assert.equal((error as Error).message, 'Did not receive done or success response in stream.');
    });

    it('inserts an invalid line that ollama-js skips with a warning', async () => {
      server.enqueueReply({ text: 'still complete', fault: { kind: 'invalidJsonLine', afterTokens: 1 } });
      const { result, lines } = await captureConsole(async () => drain(await chat()));
      assert.equal(result.error, undefined);
      assert.equal(result.parts.map((p) => p.message.content).join(''), 'still complete');
      assert.ok(lines.some((l) => l.startsWith('invalid json:')));
    });
  });

  describe('stopping', () => {
    it('notices stream.abort(): outcome clientClosed, no more tokens', async () => {
      server.enqueueReply({ tokenDelayMs: 20 });
      const stream = await client.chat({ model: 'mistral', messages: user('long'), stream: true });
      const record = await server.waitForRequest(isChat);
      let seen = 0;
      const reading = drain(
        (async function* () {
          for await (const part of stream) {
            if (++seen === 3) {
              stream.abort();
            }
            yield part;
          }
        })(),
      );
      assert.equal(((await reading).error as Error).name, 'AbortError');
      assert.equal(await record.done, 'clientClosed');
      const sentAtClose = record.tokensSent;
      // A later reply through the same server spans several token intervals of the aborted one.
      server.enqueueReply({ tokens: ['a', 'b', 'c', 'd', 'e', 'f'], tokenDelayMs: 20 });
      await client.chat({ model: 'mistral', messages: user('again') });
      assert.equal(record.tokensSent, sentAtClose);
      assert.ok(sentAtClose < splitIntoTokens(defaultReply('long')).length);
    });

    it('notices a client that gives up during the model load', async () => {
      server.enqueueReply({ firstTokenDelayMs: 5_000 });
      const controller = new AbortController();
      const pending = fetch(`${server.url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'mistral', messages: user('x') }), signal: controller.signal });
      const record = await server.waitForRequest(isChat);
      controller.abort();
      await assert.rejects(pending, { name: 'AbortError' });
      assert.equal(await record.done, 'clientClosed');
      assert.equal(record.tokensSent, 0);
    });

    it('stop() ends open streams promptly and can be called twice', async () => {
      server.enqueueReply({ tokenDelayMs: 1_000 });
      const stream = await client.chat({ model: 'mistral', messages: user('x'), stream: true });
      const record = await server.waitForRequest(isChat);
      const reading = drain(stream);
      await Promise.all([server.stop(), server.stop()]);
      assert.equal(await record.done, 'serverDropped');
      assert.equal((await reading).error instanceof TypeError, true);
      await assert.rejects(server.waitForRequest(() => false), /stopped/);
    });

    it('waitForRequest waits for a future request and times out otherwise', async () => {
      const waiting = server.waitForRequest((r) => r.path === '/api/tags');
      await client.list();
      assert.equal((await waiting).method, 'GET');
      await assert.rejects(server.waitForRequest((r) => r.path === '/never', 20), /No matching request/);
    });
  });

  describe('magic prompts', () => {
    it('[[error]] fails after 5 tokens, [[long:N]] streams N tokens, [[xss]] the corpus', async () => {
      const error = await drain(await client.chat({ model: 'mistral', messages: user('[[error]] please'), stream: true }));
      assert.equal(error.parts.length, 5);
      assert.ok(error.error instanceof Error);
      const long = await drain(await client.chat({ model: 'mistral', messages: user('[[long:37]]'), stream: true }));
      assert.equal(long.parts.length, 38);
      const xss = await client.chat({ model: 'mistral', messages: user('[[xss]]') });
      assert.equal(xss.message.content, xssReply());
      assert.ok(XSS_CORPUS.some((s) => s.includes('<script>')) && XSS_CORPUS.some((s) => s.includes('command:')));
    });

    it('[[drop]] drops after 5 tokens; a queued script wins over a magic prompt', async () => {
      const dropped = await drain(await client.chat({ model: 'mistral', messages: user('[[drop]]'), stream: true }));
      assert.equal(dropped.parts.length, 5);
      assert.equal((dropped.error as Error).message, 'terminated');
      server.enqueueReply({ text: 'scripted' });
      assert.equal((await client.chat({ model: 'mistral', messages: user('[[drop]]') })).message.content, 'scripted');
    });

    it('[[slow]] and [[load:MS]] set delays', () => {
      const slow = magicScript('please [[slow]]');
      assert.equal(slow.tokenDelayMs, 150);
      assert.equal(slow.tokens?.length, 60);
      assert.equal(magicScript('[[load:250]] hi').firstTokenDelayMs, 250);
      assert.deepEqual(magicScript('nothing magic'), {});
    });
  });

  it('serves the default models unless told otherwise', async () => {
    assert.equal(DEFAULT_MODELS.length, 3);
    server.setModels([{ name: 'tiny:1b', parameterSize: '1B' }]);
    const { models } = await client.list();
    assert.deepEqual(models.map((m) => [m.name, m.details.family, m.size]), [['tiny:1b', 'tiny', 600_000_000]]);
  });
});
