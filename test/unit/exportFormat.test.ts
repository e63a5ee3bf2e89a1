import * as assert from 'node:assert/strict';
import { parseExport, toJson, toMarkdown } from '../../src/chat/exportFormat';
import type { Conversation } from '../../src/shared/types';

const conversation: Conversation = {
  id: 'c1', title: 'Closures', createdAt: Date.UTC(2026, 10, 27), updatedAt: Date.UTC(2026, 10, 27, 1),
  settings: { model: 'llama3.2', temperature: 0.2 },
  messages: [
    { id: 'm1', role: 'user', content: 'What is a closure?', timestamp: Date.UTC(2026, 10, 27, 0, 5) },
    { id: 'm2', role: 'assistant', content: 'A function with its scope.', timestamp: Date.UTC(2026, 10, 27, 0, 6), model: 'llama3.2', status: 'stopped', thinking: 'hmm' },
  ],
};

describe('conversation export', () => {
  it('writes a Markdown transcript with speakers, model, time, status and thinking', () => {
    const md = toMarkdown(conversation);
    assert.match(md, /^# Closures\n/);
    assert.match(md, /### You — 2026-11-27 00:05 UTC\n\nWhat is a closure\?/);
    assert.match(md, /### Assistant \(llama3\.2\) — 2026-11-27 00:06 UTC — stopped\n\n<details><summary>Thinking<\/summary>\n\nhmm/);
  });

  it('round-trips through JSON', () => {
    assert.deepEqual(parseExport(toJson(conversation)), conversation);
  });

  it('refuses files that are not exports, in words', () => {
    assert.throws(() => parseExport('not json'), /not JSON/);
    assert.throws(() => parseExport('{"format":"other"}'), /not an Ollama Chat conversation export/);
    assert.throws(() => parseExport('{"format":"ollama-chat-conversation","conversation":{"messages":7}}'), /no readable messages/);
  });

  it('drops invalid messages from an import', () => {
    const doc = JSON.parse(toJson(conversation));
    doc.conversation.messages.push({ role: 'root', content: '<script>' }, 'junk');
    assert.equal(parseExport(JSON.stringify(doc)).messages.length, 2);
  });
});
