import * as assert from 'node:assert/strict';
import { readSettings, validateHost, validateOptions } from '../../src/services/config';

describe('settings', () => {
  it('accepts http(s) URLs and normalises the trailing slash', () => {
    assert.deepEqual(validateHost('http://127.0.0.1:11434/'), { ok: true, host: 'http://127.0.0.1:11434' });
    assert.deepEqual(validateHost(' https://ollama.example.com/proxy/ '), { ok: true, host: 'https://ollama.example.com/proxy' });
  });

  it('refuses hosts that are not http(s) URLs, with a valid example in the message', () => {
    for (const bad of ['localhost:11434', 'ftp://x', '', '   ', 'not a url', 'http://user:pw@host:1', 42]) {
      const check = validateHost(bad);
      assert.equal(check.ok, false, String(bad));
      if (!check.ok) assert.match(check.message, /http:\/\/127\.0\.0\.1:11434/);
    }
  });

  it('keeps options of the right type and reports the rest', () => {
    const { options, problems } = validateOptions({ num_ctx: 8192, temperature: '0.7', top_p: 0.9, stop: ['x'], bogus: 1, seed: 1.5 });
    assert.deepEqual(options, { num_ctx: 8192, top_p: 0.9, stop: ['x'] });
    assert.deepEqual(problems.map((p) => p.setting).sort(), ['ollamaChat.options.bogus', 'ollamaChat.options.seed', 'ollamaChat.options.temperature']);
    assert.equal(validateOptions([1, 2]).problems.length, 1);
  });

  it('sends keep-alive numbers as numbers (Ollama needs a unit in strings)', () => {
    const keepAlive = (value: unknown) => readSettings((key) => (key === 'keepAlive' ? value : undefined)).settings.keepAlive;
    assert.equal(keepAlive('-1'), -1);
    assert.equal(keepAlive(' 0 '), 0);
    assert.equal(keepAlive('10m'), '10m');
    assert.equal(keepAlive(300), 300);
    assert.equal(keepAlive(''), '5m');
  });

  it('falls back to defaults for missing or wrong values', () => {
    const { settings, problems } = readSettings((key) => ({ host: 'localhost:11434', model: '  ', keepAlive: {} } as Record<string, unknown>)[key]);
    assert.equal(settings.model, 'mistral');
    assert.equal(settings.keepAlive, '5m');
    assert.equal(settings.systemPrompt, '');
    assert.equal(settings.host, 'localhost:11434');
    assert.equal(problems[0].setting, 'ollamaChat.host');
  });
});
