/** The messages of VS Code's language-model API as Ollama's chat messages. */
import * as assert from 'node:assert/strict';
import { toOllamaMessages, type LmMessage } from '../../src/core/lm/lmMessages';

describe('language-model messages for Ollama', () => {
  it('keeps the system role, and joins the text parts of a message', () => {
    const messages: LmMessage[] = [
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'Hello ' }, { kind: 'text', text: 'there' }] },
    ];
    assert.deepEqual(toOllamaMessages(messages, false), [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there' }]);
  });

  it('maps a tool call and its result both ways: tool_calls on the assistant, a named `tool` message before the user\'s text', () => {
    const messages: LmMessage[] = [
      { role: 'user', parts: [{ kind: 'text', text: 'Weather?' }] },
      { role: 'assistant', parts: [{ kind: 'text', text: 'Looking.' }, { kind: 'toolCall', callId: 'c1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'c1', text: 'Sunny' }, { kind: 'text', text: 'And tomorrow?' }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'unknown', text: 'orphan' }] },
    ];
    assert.deepEqual(toOllamaMessages(messages, false), [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: 'Looking.', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: 'Sunny', tool_name: 'get_weather' },
      { role: 'user', content: 'And tomorrow?' },
      { role: 'tool', content: 'orphan' },
    ]);
  });

  it('sends images (base64) only to a model that sees', () => {
    const messages: LmMessage[] = [{ role: 'user', parts: [{ kind: 'text', text: 'What is it?' }, { kind: 'image', base64: 'iVBORw0K' }] }];
    assert.deepEqual(toOllamaMessages(messages, true), [{ role: 'user', content: 'What is it?', images: ['iVBORw0K'] }]);
    assert.deepEqual(toOllamaMessages(messages, false), [{ role: 'user', content: 'What is it?' }]);
  });
});
