import * as assert from 'node:assert/strict';
import { runDiagnostics } from '../../src/core/ollama/diagnostics';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import { OllamaSimulator } from '../../simulator';

describe('runDiagnostics', () => {
  let server: OllamaSimulator;
  beforeEach(async () => { server = await OllamaSimulator.start(); });
  afterEach(() => server.stop());

  const input = (host: string, model = 'mistral') => ({ host, model, extensionVersion: '0.1.0', vscodeVersion: '1.95.0', authHeader: { name: 'Authorization', origin: new URL(host).origin } });

  it('reports version, latency, models, loaded models and a test generation', async () => {
    const result = await runDiagnostics(new OllamaClient(() => ({ host: server.url })), input(server.url));
    assert.equal(result.ok, true, result.report);
    assert.ok(result.version && result.latencyMs !== undefined);
    assert.equal(result.modelInstalled, true);
    assert.match(result.report, /✓ Ollama .* answered in \d+ ms/);
    assert.match(result.report, /✓ Test generation: first token after \d+ ms/);
    assert.match(result.report, new RegExp(`Auth header: Authorization, set for ${server.url}; sent`));
    const generation = server.requests.find((r) => r.path === '/api/chat');
    assert.deepEqual((generation?.body as { options: unknown }).options, { num_predict: 1 });
  });

  it('says what is wrong: model missing, or Ollama not reachable', async () => {
    const missing = await runDiagnostics(new OllamaClient(() => ({ host: server.url })), input(server.url, 'nope'));
    assert.equal(missing.ok, false);
    assert.match(missing.report, /✗ nope is not installed/);
    const url = server.url;
    await server.stop();
    const down = await runDiagnostics(new OllamaClient(() => ({ host: url })), input(url));
    assert.equal(down.ok, false);
    assert.match(down.report, /✗ Connection: Cannot reach Ollama/);
  });
});
