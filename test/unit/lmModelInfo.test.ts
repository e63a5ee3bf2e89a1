/** What VS Code is told about an Ollama model, and the options a request from VS Code sends. */
import * as assert from 'node:assert/strict';
import { lmModelInfo } from '../../src/core/lm/lmModelInfo';
import { lmRequestOptions } from '../../src/core/lm/lmOptions';
import { readSettings } from '../../src/core/settings/config';
import type { ModelFacts } from '../../src/core/ollama/modelFacts';

const settings = (options?: object) => readSettings((key) => (key === 'options' ? options : undefined)).settings;
const facts = (capabilities: string[], contextLength?: number, modelfileNumCtx?: number): ModelFacts => ({ capabilities, contextLength, modelfileNumCtx });

describe('language-model information of an Ollama model', () => {
  it('sizes the input by the window a request really gets, keeping the reply\'s room', () => {
    // num_ctx 65536 asked, the model was trained for 32768: Ollama gives 32768, of which 1024 are kept for the reply.
    assert.deepEqual(lmModelInfo(facts(['completion'], 32_768), settings({ num_ctx: 65_536 })),
      { maxInputTokens: 31_744, maxOutputTokens: 1024, capabilities: {} });
    // No num_ctx anywhere but the Modelfile's.
    assert.equal(lmModelInfo(facts(['completion'], 131_072, 16_384), settings()).maxInputTokens, 16_384 - 1024);
  });

  it('claims tool calling and image input only when /api/show lists tools and vision', () => {
    assert.deepEqual(lmModelInfo(facts(['completion', 'tools']), settings()).capabilities, { toolCalling: true });
    assert.deepEqual(lmModelInfo(facts(['completion', 'vision']), settings()).capabilities, { imageInput: true });
    assert.deepEqual(lmModelInfo(facts(['completion', 'thinking']), settings()).capabilities, {});
  });

  it('claims nothing when /api/show did not answer: no capabilities, Ollama\'s smallest default window', () => {
    assert.deepEqual(lmModelInfo(undefined, settings({ num_ctx: 131_072 })), { maxInputTokens: 4096 - 1024, maxOutputTokens: 1024, capabilities: {} });
  });
});

describe('options of a request from VS Code\'s language-model API', () => {
  it('puts the caller\'s Ollama options over the user\'s and drops other vendors\' keys and wrong types', () => {
    assert.deepEqual(lmRequestOptions(settings({ num_ctx: 8192, temperature: 0.7 }), { temperature: 0.1, top_p: 0.5, max_tokens: 100, seed: 'x' }),
      { num_ctx: 8192, temperature: 0.1, top_p: 0.5 });
    assert.deepEqual(lmRequestOptions(settings({ num_ctx: 8192 }), undefined), { num_ctx: 8192 });
  });
});
