import * as assert from 'node:assert/strict';
import { runDiagnostics } from '../../src/core/ollama/diagnostics';
import { describeError, errorText } from '../../src/core/ollama/errors';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import { OllamaSimulator } from '../../simulator';

/** Every request the client can make, by the name of its endpoint. */
const PATHS: [string, (client: OllamaClient) => Promise<unknown>][] = [
  ['chat', async (c) => { for await (const _ of c.chat({ model: 'mistral', messages: [{ role: 'user', content: 'secret prompt' }] })) { /* drain */ } }],
  ['generate', async (c) => { for await (const _ of c.generate('mistral', 'secret prompt')) { /* drain */ } }],
  ['tags (list)', (c) => c.listModels()],
  ['show (model facts)', (c) => c.modelFacts('mistral')],
  ['ps', (c) => c.loadedModels()],
  ['pull', (c) => c.pull('gemma3:4b', () => undefined)],
  ['delete', (c) => c.deleteModel('mistral')],
  ['version', (c) => c.version()],
];

describe('OllamaClient talks only to the configured host', () => {
  let configured: OllamaSimulator;
  let elsewhere: OllamaSimulator;
  let client: OllamaClient;

  beforeEach(async () => {
    [configured, elsewhere] = await Promise.all([OllamaSimulator.start(), OllamaSimulator.start()]);
    client = new OllamaClient(() => ({ host: configured.url, headers: { 'X-API-Key': 'k3y' } }));
  });
  afterEach(() => Promise.all([configured.stop(), elsewhere.stop()]));

  for (const status of [301, 302, 303, 307, 308] as const) {
    it(`does not follow a ${status} to another origin on any request path, and says where it pointed`, async () => {
      configured.setRedirect({ status, location: (path) => `${elsewhere.url}${path}` });
      for (const [name, call] of PATHS) {
        const err = await call(client).then(() => undefined, (e: unknown) => e);
        assert.ok(err, `${name}: expected a refusal`);
        const described = describeError(err, { host: configured.url, model: 'mistral' });
        assert.equal(described.kind, 'redirected', `${name}: ${described.message}`);
        assert.ok(described.message.includes(configured.url) && described.message.includes(elsewhere.url), `${name}: ${described.message}`);
        assert.ok(described.actions.some((a) => a.id === 'openSettings'), name);
      }
      assert.equal(elsewhere.requests.length, 0, 'the other origin received nothing: no request, no body, no header');
      assert.equal(configured.requests.length, PATHS.length);
    });
  }

  it('refuses a same-origin redirect too, and suggests the host it points at', async () => {
    configured.setRedirect({ status: 308, location: (path) => `/ollama${path}` });
    const err = await client.listModels().then(() => undefined, (e: unknown) => e);
    const described = describeError(err, { host: configured.url, model: 'mistral' });
    assert.equal(described.kind, 'redirected');
    assert.ok(described.message.includes(`${configured.url}/ollama/api/tags`), described.message);
    assert.ok(errorText(described).endsWith(`set ollamaChat.host to ${configured.url}/ollama.`), errorText(described));
    assert.equal(configured.requests.length, 1, 'asked once, not again at the new path');
  });

  it('refuses a redirect without a target or with one that is not a URL, in words', async () => {
    for (const [location, words] of [['', /redirect \(HTTP 302\) that names no target/], ['http://[not-a-url', /redirected the request to "http:\/\/\[not-a-url", which is not a URL/]] as const) {
      configured.setRedirect({ status: 302, location: () => location });
      const err = await client.version().then(() => undefined, (e: unknown) => e);
      const described = describeError(err, { host: configured.url, model: 'mistral' });
      assert.equal(described.kind, 'redirected');
      assert.match(described.message, words);
      assert.ok(described.message.includes(configured.url));
    }
  });

  it('refuses an invalid host before any request, in the words of the setting check', async () => {
    for (const host of ['localhost:11434', 'ftp://127.0.0.1:11434', `http://user:pw@127.0.0.1:${configured.port}`]) {
      const bad = new OllamaClient(() => ({ host }));
      const err = await bad.listModels().then(() => undefined, (e: unknown) => e);
      const described = describeError(err, { host, model: 'mistral' });
      assert.equal(described.kind, 'invalidHost', `${host}: ${described.message}`);
    }
    assert.equal(configured.requests.length, 0);
  });

  it('Diagnose and Test Connection report the redirect and contact nothing else', async () => {
    configured.setRedirect({ status: 307, location: (path) => `${elsewhere.url}${path}` });
    const result = await runDiagnostics(client, { host: configured.url, model: 'mistral', extensionVersion: '0', vscodeVersion: '1' });
    assert.equal(result.ok, false);
    assert.match(result.report, new RegExp(`✗ Connection: Ollama at ${configured.url} redirected the request to ${elsewhere.url}/api/version`));
    assert.equal(elsewhere.requests.length, 0);
  });
});
