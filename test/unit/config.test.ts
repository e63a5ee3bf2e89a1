import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostInWorkspaceSettings, readSettings, validateHost, validateOptions } from '../../src/core/settings/config';

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

describe('hostInWorkspaceSettings', () => {
  it('finds the host a settings file with comments and trailing commas asks for', () => {
    const text = '{\n  // the team server\n  "editor.tabSize": 2,\n  "ollamaChat.host": " https://team.example:11434 ", /* why not */\n}\n';
    assert.equal(hostInWorkspaceSettings(text), 'https://team.example:11434');
    const tricky = '{"a": "not // a comment, }", "b": [1, 2, /* x */], /* "ollamaChat.host": "http://no" */ "ollamaChat.host": "http://yes:1", // }\n}';
    assert.equal(hostInWorkspaceSettings(tricky), 'http://yes:1');
  });

  it('reads a workspace file\'s settings object, and nothing from anywhere else', () => {
    assert.equal(hostInWorkspaceSettings('{"folders": [], "settings": {"ollamaChat.host": "http://x:1"}}', true), 'http://x:1');
    assert.equal(hostInWorkspaceSettings('{"folders": [], "ollamaChat.host": "http://x:1"}', true), undefined);
    for (const text of ['', 'not json', '[]', '{"ollamaChat.host": 42}', '{"ollamaChat.host": ""}', '{"ollamaChat": {"host": "http://x:1"}}']) {
      assert.equal(hostInWorkspaceSettings(text), undefined, text);
    }
  });
});

describe('Where the settings that move data may come from (package.json)', () => {
  // out/test/unit → the repository root.
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

  it('lets only the user settings choose the host (application scope: not a workspace, folder or remote)', () => {
    assert.equal(manifest.contributes.configuration.properties['ollamaChat.host'].scope, 'application');
  });

  it('works in Restricted Mode with the settings that move data or instruct the model taken from the user only', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok(untrusted.description);
    for (const key of ['ollamaChat.host', 'ollamaChat.model', 'ollamaChat.systemPrompt']) {
      assert.ok(untrusted.restrictedConfigurations.includes(key), key);
    }
  });
});
