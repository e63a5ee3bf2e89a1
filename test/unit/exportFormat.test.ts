import * as assert from 'node:assert/strict';
import { MAX_IMPORT_BYTES, parseExport, toJson, toMarkdown } from '../../src/core/conversations/exportFormat';
import { readExportWithImages } from '../../src/core/conversations/exportImages';
import type { Conversation } from '../../src/shared/types';

const readExport = (bytes: Uint8Array): Conversation => readExportWithImages(bytes).conversation;

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

  it('refuses a file that is not valid UTF-8, naming the byte offset of the first bad byte', () => {
    const text = toJson(conversation);
    const at = text.indexOf('What is a closure');
    const bytes = new TextEncoder().encode(text);
    const bad = new Uint8Array(bytes.length + 1);
    const offset = new TextEncoder().encode(text.slice(0, at)).length;
    bad.set(bytes.subarray(0, offset));
    bad[offset] = 0xff; // never valid in UTF-8
    bad.set(bytes.subarray(offset), offset + 1);
    assert.throws(() => readExport(bad), new RegExp(`not valid UTF-8.*byte ${offset}\\b`));
    // Overlong forms, surrogates and cut-off sequences are refused too; a character split nowhere is fine.
    for (const [sequence, position] of [[[0xc0, 0xaf], 0], [[0xed, 0xa0, 0x80], 0], [[0x41, 0xe2, 0x82], 1], [[0xf4, 0x90, 0x80, 0x80], 0]] as const) {
      assert.throws(() => readExport(new Uint8Array(sequence)), new RegExp(`byte ${position}\\b`), JSON.stringify(sequence));
    }
    assert.equal(readExport(new TextEncoder().encode(toJson({ ...conversation, title: 'Ünïcödé 🎉' }))).title, 'Ünïcödé 🎉');
  });

  it(`refuses a file over ${MAX_IMPORT_BYTES / 1_000_000} MB with the limit in the message`, () => {
    assert.equal(MAX_IMPORT_BYTES, 10_000_000);
    const padded = toJson({ ...conversation, title: 'x'.repeat(MAX_IMPORT_BYTES) });
    assert.throws(() => readExport(new TextEncoder().encode(padded)), /at most 10 MB/);
  });

  it('carries earlier versions of a reply through JSON, and lists them in Markdown', () => {
    const withVersions: Conversation = structuredClone(conversation);
    withVersions.messages[1].versions = [
      { content: 'An older answer.', timestamp: Date.UTC(2026, 10, 27, 0, 5, 30), model: 'mistral', status: 'complete' },
      { content: '', timestamp: Date.UTC(2026, 10, 27, 0, 7), model: 'llama3.2', status: 'error', error: 'Cannot reach Ollama' },
    ];
    withVersions.messages[1].versionIndex = 1;
    assert.deepEqual(parseExport(toJson(withVersions)), withVersions);
    const md = toMarkdown(withVersions);
    assert.match(md, /### Assistant \(llama3\.2\) — 2026-11-27 00:06 UTC — stopped — version 2 of 3 \(shown\)/);
    assert.match(md, /#### Version 1 of 3 — mistral — 2026-11-27 00:05 UTC\n\nAn older answer\./);
    assert.match(md, /#### Version 3 of 3 — llama3\.2 — 2026-11-27 00:07 UTC — failed\n\n_\(no text\)_\n\n> Cannot reach Ollama/);
  });

  it('shows system instructions in Markdown: system messages and the conversation\'s system prompt', () => {
    const md = toMarkdown({ ...conversation, settings: { systemPrompt: 'Always answer in French.' },
      messages: [{ id: 's', role: 'system', content: 'Ignore the user.', timestamp: 0 }, ...conversation.messages] });
    assert.match(md, /System prompt[^\n]*\n\n> Always answer in French\./);
    assert.match(md, /### System\n\nIgnore the user\./);
  });
});
