import * as assert from 'node:assert/strict';
import { DEFAULT_REGISTRY, parseModelName } from '../../src/core/ollama/modelName';

describe('model names (Ollama\'s rules: host[:port]/namespace/model:tag)', () => {
  it('fills in the registry, namespace and tag Ollama assumes', () => {
    const cases: [string, string, string, string, string][] = [
      ['mistral', DEFAULT_REGISTRY, 'library', 'mistral', 'latest'],
      ['  llama3.2:3b ', DEFAULT_REGISTRY, 'library', 'llama3.2', '3b'],
      ['hf_user/Model-Name_1.5:Q4_K_M', DEFAULT_REGISTRY, 'hf_user', 'Model-Name_1.5', 'Q4_K_M'],
      ['evil.example/x/model', 'evil.example', 'x', 'model', 'latest'],
      ['localhost:5000/team/model:v1', 'localhost:5000', 'team', 'model', 'v1'],
      ['_h/_n/_m:_t', '_h', '_n', '_m', '_t'],
    ];
    for (const [text, host, namespace, model, tag] of cases) {
      const parsed = parseModelName(text);
      assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.message}`);
      assert.deepEqual([parsed.name.host, parsed.name.namespace, parsed.name.model, parsed.name.tag], [host, namespace, model, tag], text);
      assert.equal(parsed.name.text, text.trim());
      assert.equal(parsed.name.fromLibrary, host === DEFAULT_REGISTRY, text);
    }
    const explicit = parseModelName('Registry.Ollama.AI/library/mistral');
    assert.ok(explicit.ok && explicit.name.fromLibrary, 'the default registry spelled out is still the library');
  });

  it('refuses anything else, saying which part is wrong and what a name looks like', () => {
    const cases: [string, RegExp][] = [
      ['', /Enter a model name/],
      ['a b', /model name "a b".*letters, digits/],
      ['../model', /namespace "\.\."/],
      ['../../etc/passwd', /too many parts/],
      ['model:', /tag is empty/],
      [':tag', /model name is empty/],
      ['-model', /must start with a letter, a digit or "_"/],
      ['x'.repeat(81), /at most 80 characters/],
      ['evil.example/x.y/model', /namespace "x\.y"/],
      ['a/b/c/d', /at most host\/namespace\/model:tag/],
      ['http://evil.example/x/model', /without "http:\/\/"/],
      ['model@sha256:abc', /"@"/],
      ['évil', /must start with a letter/],
      ['modèle', /letters, digits/],
      [`${'h'.repeat(351)}/ns/model`, /registry host .*at most 350 characters/],
      ['host:port:x/ns/m', /registry host .*port number/],
    ];
    for (const [text, message] of cases) {
      const parsed = parseModelName(text);
      assert.equal(parsed.ok, false, text);
      if (!parsed.ok) {
        assert.match(parsed.message, message, text);
        if (text) assert.match(parsed.message, /e\.g\. mistral, llama3\.2:3b or registry\.example\.com\/team\/model:tag/, text);
      }
    }
  });
});
